import AnniversaryCore
import Foundation

/// Reads the VEVENTs of an iCalendar file (RFC 5545) as event definitions, all or none.
///
/// Each VEVENT keeps its UID (as an ``EventIdentifier``), SUMMARY, DESCRIPTION (as notes),
/// DTSTART (a DATE is all-day; a DATE-TIME is UTC, in its TZID's zone, or floating: in the
/// configured zone), RRULE, EXDATE, RDATE, CATEGORIES (as tags) and its VALARMs' relative
/// TRIGGERs (as leads). A plain yearly rule becomes a `yearly` event, which counts its years.
/// Overrides (RECURRENCE-ID) that cancel or move an occurrence to another day at the same time
/// become EXDATE and RDATE. What an event cannot keep is said in one ``ImportWarning`` for it;
/// a malformed file is one ``InterchangeError`` at its line.
public struct ICalendarImporter: Sendable {
    /// The time VTIMEZONE definitions are compared with IANA zones around.
    public var now: Date

    public init(now: Date) {
        self.now = now
    }

    public func read(_ bytes: [UInt8]) throws(InterchangeError) -> ImportResult {
        let roots = try Component.roots(
            of: bytes, reading: Self.propertiesRead, empty: "no BEGIN:VCALENDAR: the file holds no calendar",
            foreign: ("VCARD", "BEGIN:VCARD: this is an address book (vCard); import it as a .vcf file")
        )
        var result = ImportResult()
        var calendars = roots.filter { $0.name == "VCALENDAR" }
        // Components outside any calendar (a VEVENT saved on its own) are read as one calendar.
        let loose = roots.filter { $0.name != "VCALENDAR" }
        if let first = loose.first {
            calendars.append(Component(name: "VCALENDAR", components: loose, line: first.line))
            result.warnings.append(ImportWarning(line: first.line, "BEGIN:\(first.name) outside BEGIN:VCALENDAR: read as part of a calendar"))
        }
        var firstLines: [String: Int] = [:]
        for calendar in calendars {
            var definitions: [VTimeZone] = []
            for component in calendar.components where component.name == "VTIMEZONE" { definitions.append(try VTimeZone(component)) }
            var zones = TimeZoneResolver(definitions: definitions, now: now)
            let events = calendar.components.filter { $0.name == "VEVENT" }
            var overrides: [String: [Component]] = [:]
            for event in events where event.property("RECURRENCE-ID") != nil {
                overrides[Self.uid(of: event), default: []].append(event)
            }
            for (uid, versions) in Self.versions(events.filter { $0.property("RECURRENCE-ID") == nil }) {
                let event = versions.last!
                for older in versions.dropLast() {
                    result.warnings.append(ImportWarning(
                        line: older.line, "UID \"\(uid)\": not imported: an earlier version (SEQUENCE \(Self.sequence(older))) of the VEVENT on line \(event.line)"
                    ))
                }
                var reader = VEventReader(event: event, uid: uid, overrides: overrides.removeValue(forKey: uid) ?? [])
                switch try reader.read(zones: &zones) {
                case .imported(let definition):
                    if let first = firstLines.updateValue(event.line, forKey: definition.id) {
                        throw InterchangeError(line: event.line, "this VEVENT has the UID of the one on line \(first) (event id \"\(definition.id)\")")
                    }
                    result.events.append(ImportResult.Item(definition: definition, line: event.line))
                    if let warning = reader.warning { result.warnings.append(warning) }
                case .skipped(let warning):
                    result.warnings.append(warning)
                }
            }
            for (uid, orphans) in overrides {
                let lines = orphans.map { String($0.line) }.joined(separator: ", ")
                result.warnings.append(ImportWarning(
                    line: orphans[0].line,
                    "UID \"\(uid)\": not imported: \(orphans.count == 1 ? "an override (RECURRENCE-ID)" : "overrides (RECURRENCE-ID)") of a series the file does not hold (lines \(lines))"
                ))
            }
            let others = calendar.components.filter { !["VEVENT", "VTIMEZONE"].contains($0.name) }
            for name in Set(others.map(\.name)).sorted() {
                let components = others.filter { $0.name == name }
                result.warnings.append(ImportWarning(
                    line: components[0].line,
                    "not imported: \(components.count) \(name) component\(components.count == 1 ? " is" : "s are") not an event (VEVENT)"
                ))
            }
        }
        result.warnings.sort { $0.line < $1.line }
        return result
    }

    /// The VEVENTs of each UID in file order, oldest version first: a file that holds several
    /// versions of one event (as an edited event's export may) gives the one with the highest
    /// SEQUENCE, the later in the file among equals (RFC 5546 2.1.5).
    static func versions(_ events: [Component]) -> [(uid: String, versions: [Component])] {
        var order: [String] = []
        var byUID: [String: [Component]] = [:]
        for event in events {
            let uid = uid(of: event)
            if byUID[uid] == nil { order.append(uid) }
            byUID[uid, default: []].append(event)
        }
        return order.map { uid in
            (uid, byUID[uid]!.enumerated().sorted { (sequence($0.element), $0.offset) < (sequence($1.element), $1.offset) }.map(\.element))
        }
    }

    static func sequence(_ event: Component) -> Int {
        event.property("SEQUENCE").flatMap { Int($0.value.trimmingWhitespace) } ?? 0
    }

    /// Every property the import looks at, whose lines must be well formed.
    static let propertiesRead: Set<String> = [
        "UID", "SUMMARY", "DESCRIPTION", "DTSTART", "RRULE", "EXRULE", "EXDATE", "RDATE", "CATEGORIES", "TRIGGER", "RECURRENCE-ID",
        "STATUS", "TZID", "TZOFFSETFROM", "TZOFFSETTO", "X-LIC-LOCATION", "X-ANNIVERSARYD-ID", "X-ANNIVERSARYD-CHANNELS",
        "X-ANNIVERSARYD-MESSAGE", "X-ANNIVERSARYD-LEAP-DAY", "X-ANNIVERSARYD-TIMEZONE",
    ]

    static func uid(of event: Component) -> String {
        if let uid = event.property("UID").map({ TextValue.unescape($0.value).trimmingWhitespace }), !uid.isEmpty { return uid }
        // RFC 5545 requires a UID; without one, the event's own text gives a stable one (not
        // DTSTAMP, which changes with every export).
        let text = ["SUMMARY", "DESCRIPTION", "DTSTART", "RRULE", "LOCATION"].map { event.property($0)?.value ?? "" }.joined(separator: "\n")
        return "no-uid-" + EventIdentifier.hash(text)
    }
}
