import AnniversaryCore

/// Reads the birthdays and anniversaries of a vCard 3.0 or 4.0 file (RFC 2426, RFC 6350) as
/// yearly events, all or none.
///
/// BDAY becomes "Birthday: Name" (tag `birthday`); ANNIVERSARY, X-ANNIVERSARY and Apple's
/// X-ABDATE become "Anniversary: Name", or the X-ABDATE's X-ABLabel in its place (tag
/// `anniversary`). The name is FN, else N. A date without a year (`--0127`, `--01-27`, or Apple's
/// year 1604) gives an event that counts no years. Ids are the card's UID (else its name, as an
/// ``EventIdentifier``), a `.`, and the field: `…​.birthday`.
public struct VCardImporter: Sendable {
    public init() {}

    public func read(_ bytes: [UInt8]) throws(InterchangeError) -> ImportResult {
        let roots = try Component.roots(
            of: bytes, reading: Self.propertiesRead, empty: "no BEGIN:VCARD: the file holds no contacts",
            foreign: ("VCALENDAR", "BEGIN:VCALENDAR: this is a calendar (iCalendar); import it as an .ics file")
        )
        var result = ImportResult()
        var firstLines: [String: Int] = [:]
        for card in roots {
            guard card.name == "VCARD" else {
                result.warnings.append(ImportWarning(line: card.line, "not imported: BEGIN:\(card.name) is not a contact (VCARD)"))
                continue
            }
            let (events, warning) = try Self.events(of: card)
            for definition in events {
                if let first = firstLines.updateValue(card.line, forKey: definition.id) {
                    throw InterchangeError(line: card.line, "this contact gives event id \"\(definition.id)\", as the one on line \(first) does; give one of them a UID of its own")
                }
                result.events.append(ImportResult.Item(definition: definition, line: card.line))
            }
            if let warning { result.warnings.append(warning) }
        }
        return result
    }

    static let propertiesRead: Set<String> = ["VERSION", "UID", "FN", "N", "BDAY", "ANNIVERSARY", "X-ANNIVERSARY", "X-ABDATE", "X-ABLABEL"]

    private static func events(of card: Component) throws(InterchangeError) -> ([EventDefinition], ImportWarning?) {
        if let version = card.property("VERSION")?.value.trimmingWhitespace, !["3.0", "4.0"].contains(version) {
            throw InterchangeError(line: card.property("VERSION")!.line, "vCard \(version) is not read; export the contacts as vCard 3.0 or 4.0")
        }
        let name = Self.name(of: card)
        let dated = card.properties.filter { ["BDAY", "ANNIVERSARY", "X-ANNIVERSARY", "X-ABDATE"].contains($0.name) }
        guard !dated.isEmpty else { return ([], nil) }
        guard let name else {
            return ([], ImportWarning(line: card.line, "contact without a name (FN or N): not imported: its \(dated.map(\.name).joined(separator: ", "))"))
        }
        let uid = card.property("UID").map { TextValue.unescape($0.value).trimmingWhitespace }.flatMap { $0.isEmpty ? nil : $0 }
        let base = EventIdentifier.make(uid: uid ?? name)
        var unkept: [String] = []
        var events: [EventDefinition] = []
        var fields: [String] = []
        for property in dated {
            let isBirthday = property.name == "BDAY"
            var label = isBirthday ? "Birthday" : "Anniversary"
            if property.name == "X-ABDATE", let group = property.group,
               let custom = card.properties.first(where: { $0.name == "X-ABLABEL" && $0.group?.lowercased() == group.lowercased() }) {
                label = appleLabel(TextValue.unescape(custom.value).trimmingWhitespace) ?? label
            }
            if property.parameter("VALUE")?.lowercased() == "text" {
                unkept.append("\(property.name) \"\(TextValue.unescape(property.value))\" (line \(property.line)), text rather than a date")
                continue
            }
            let omitYear = property.parameter("X-APPLE-OMIT-YEAR")
            guard let origin = date(property.value, omitYear: omitYear) else {
                throw InterchangeError(
                    line: property.line,
                    "\(property.name) \"\(property.value)\" is not a date such as 1987-01-27, 19870127, --01-27 or --0127"
                )
            }
            var field = isBirthday ? "birthday" : slug(label)
            if fields.contains(field) { field += "-\(fields.filter { $0 == field || $0.hasPrefix(field + "-") }.count + 1)" }
            fields.append(field)
            let id = base.count + field.count + 1 <= EventIdentifier.maximumLength ? base + "." + field
                : EventIdentifier.make(uid: (uid ?? name) + "\u{0}" + field)
            events.append(EventDefinition(
                id: id, title: "\(label): \(name)", origin: origin, recurrence: .yearly, tags: [isBirthday ? "birthday" : "anniversary"]
            ))
        }
        let warning = unkept.isEmpty ? nil : ImportWarning(line: card.line, "contact \(name): not kept: " + unkept.joined(separator: "; "))
        return (events, warning)
    }

    /// FN, else N's given and family names.
    static func name(of card: Component) -> String? {
        if let full = card.property("FN").map({ oneLine(TextValue.unescape($0.value)) }), !full.isEmpty { return full }
        guard let structured = card.property("N") else { return nil }
        let parts = TextValue.list(structured.value, separator: ";", keepingEmpty: true)
        let ordered = [parts.count > 3 ? parts[3] : "", parts.count > 1 ? parts[1] : "", parts.count > 2 ? parts[2] : "", parts[0],
                       parts.count > 4 ? parts[4] : ""]
        let name = oneLine(ordered.filter { !$0.isEmpty }.joined(separator: " "))
        return name.isEmpty ? nil : name
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingWhitespace
    }

    /// Apple's built-in labels (`_$!<Anniversary>!$_`) as words; a label of the user's own as written.
    private static func appleLabel(_ label: String) -> String? {
        if label.hasPrefix("_$!<"), label.hasSuffix(">!$_") { return String(label.dropFirst(4).dropLast(4)) }
        return label.isEmpty ? nil : label
    }

    private static func slug(_ label: String) -> String {
        let words = label.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return words.isEmpty ? "date" : words.joined(separator: "-")
    }

    /// `1987-01-27`, `19870127`, `--01-27`, `--0127`, with any time after a `T` ignored; year
    /// 1604 (Apple's "no year", or the year X-APPLE-OMIT-YEAR names) is no year.
    static func date(_ text: String, omitYear: String?) -> OriginDate? {
        let text = text.trimmingWhitespace.prefix { $0 != "T" && $0 != "t" }
        if text.hasPrefix("--") {
            let digits = text.dropFirst(2).filter { $0 != "-" }
            guard digits.count == 4, digits.allSatisfy(\.isASCIIDigit) else { return nil }
            return OriginDate(year: nil, month: Int(digits.prefix(2))!, day: Int(digits.suffix(2))!)
        }
        let digits = text.filter { $0 != "-" }
        guard digits.count == 8, digits.allSatisfy(\.isASCIIDigit), text.count == 8 || text.count == 10 else { return nil }
        let year = Int(digits.prefix(4))!, month = Int(digits.dropFirst(4).prefix(2))!, day = Int(digits.suffix(2))!
        let noYear = year == 1604 || omitYear == String(year)
        return OriginDate(year: noYear ? nil : year, month: month, day: day)
    }
}
