import AnniversaryCore
import Foundation

/// An event given as text fields (`events add` options, a CSV row, a JSON object), checked the
/// way event files are.
///
/// Fields: `id`, `title`, `date` (required); `recurrence`, `tags`, `message`, `until`, `at`,
/// `timezone`, `remind`, `channels`, `leap_day`, `exdates`, `rdates`, `notes`. Lists are separated by `;`.
struct EventFields {
    /// The fields, in the order `names` gives.
    enum Name: Int, CaseIterable, Sendable {
        case id, title, date, recurrence, tags, message, until, at, timezone, remind, channels, leapDay, exdates, rdates, notes

        var text: String { EventFields.names[rawValue] }

        init?(_ text: String) {
            guard let index = EventFields.names.firstIndex(of: text) else { return nil }
            self.init(rawValue: index)
        }
    }

    static let names = [
        "id", "title", "date", "recurrence", "tags", "message", "until", "at", "timezone", "remind", "channels", "leap_day", "exdates", "rdates", "notes",
    ]

    /// A field that is missing or invalid.
    struct Problem: Error {
        let field: Name
        let message: String
    }

    /// Indexed by `Name`: a row of a large import is read without hashing its column names.
    private var values = [String?](repeating: nil, count: Name.allCases.count)

    /// Clears every field, keeping the storage for the next row.
    mutating func removeAll() {
        for index in values.indices { values[index] = nil }
    }

    subscript(_ name: Name) -> String? {
        get { values[name.rawValue] }
        set { values[name.rawValue] = newValue }
    }

    /// The validated definition.
    ///
    /// - Parameters:
    ///   - channels: The configured channel names, which `channels` must come from.
    ///   - checkingText: Whether to refuse control characters (a CSV reader checks as it reads).
    func definition(channels known: Set<String>, checkingText: Bool = true) throws(Problem) -> EventDefinition {
        if checkingText {
            for field in Name.allCases {
                if let value = self[field], let problem = TextCheck.firstProblem(in: value) { throw Problem(field: field, message: problem) }
            }
        }
        func text(_ field: Name) -> String? {
            self[field].flatMap { $0.isBlank ? nil : $0 }
        }
        func required(_ field: Name) throws(Problem) -> String {
            guard let value = text(field) else { throw Problem(field: field, message: "\(field.text) is required") }
            return value
        }
        func list(_ field: Name) -> [String]? {
            text(field).map { text in
                // Most lists are one item with no space around it: nothing to split or trim.
                if text.utf8.hasNoSpaceAtItsEnds, !text.utf8.contains(UInt8(ascii: ";")) { return [text] }
                return text.split(separator: ";").map(\.trimmingSpaces).filter { !$0.isEmpty }
            }
        }
        func parse<T>(_ field: Name, _ expectation: String, _ parser: (String) -> T?) throws(Problem) -> T? {
            guard let value = text(field) else { return nil }
            guard let parsed = parser(value) else { throw Problem(field: field, message: "invalid \(field.text) \"\(value)\": \(expectation)") }
            return parsed
        }

        let id = try required(.id)
        guard EventDefinition.isValidID(id) else {
            throw Problem(field: .id, message: "invalid id \"\(id)\"; use letters, digits, '.', '_' and '-', starting with a letter or digit")
        }
        let title = try required(.title)
        let origin = try parse(.date, "use YYYY-MM-DD, or --MM-DD when the year is unknown", OriginDate.init)
        guard let origin else { throw Problem(field: .date, message: "date is required") }
        var recurrence = Recurrence.yearly
        if let text = text(.recurrence) {
            do { recurrence = try Recurrence(parsing: text) } catch {
                throw Problem(field: .recurrence, message: "invalid recurrence \"\(text)\": \(error.message)")
            }
        }
        func dates(_ field: Name) throws(Problem) -> [LocalDate] {
            var dates: [LocalDate] = []
            for item in list(field) ?? [] {
                guard let date = LocalDate(item) else { throw Problem(field: field, message: "invalid \(field.text) entry \"\(item)\": use YYYY-MM-DD") }
                dates.append(date)
            }
            return dates
        }
        let exdates = try dates(.exdates), rdates = try dates(.rdates)
        let until = try parse(.until, "use YYYY-MM-DD", LocalDate.init)
        if let until, let start = origin.localDate, until < start {
            throw Problem(field: .until, message: "\"until\" \(until) is before the event's date \(start)")
        }
        let time = try parse(.at, "use HH:MM or HH:MM:SS", TimeOfDay.init)
        let zone = try parse(.timezone, "unknown time zone; use an IANA name such as Europe/London") { TimeZone(identifier: $0)?.identifier }
        let leapDay = try parse(.leapDay, "use feb28 or mar1", LeapDayPolicy.init(rawValue:))
        var leads: [Lead]?
        if let items = list(.remind) {
            leads = []
            for item in items {
                guard let lead = Lead(item) else {
                    throw Problem(field: .remind, message: "invalid remind entry \"\(item)\": use 7d, 2w, 3h, 30m or 0d")
                }
                leads?.append(lead)
            }
        }
        let channels = list(.channels)
        if let unknown = channels?.first(where: { !known.contains($0) }) {
            throw Problem(field: .channels, message: "unknown channel \"\(unknown)\"; the configuration has \(known.sorted().joined(separator: ", "))")
        }
        let message = text(.message)
        if let message {
            do { _ = try MessageTemplate(message) } catch {
                throw Problem(field: .message, message: "\(error.description) at column \(error.column)")
            }
        }
        let definition = EventDefinition(
            id: id, title: title, origin: origin, recurrence: recurrence, tags: list(.tags) ?? [], message: message,
            notes: text(.notes), until: until, time: time, timeZoneIdentifier: zone, leads: leads, channels: channels, leapDay: leapDay,
            exdates: exdates, rdates: rdates
        )
        if let problem = definition.recurrenceProblems.first {
            throw Problem(field: Name(problem.key) ?? .recurrence, message: problem.message)
        }
        return definition
    }

    /// The fields of a definition, for export.
    init(_ definition: EventDefinition) {
        self[.id] = definition.id
        self[.title] = definition.title
        self[.date] = definition.origin.description
        self[.recurrence] = definition.recurrence.description
        self[.tags] = definition.tags.joined(separator: ";")
        self[.message] = definition.message
        self[.until] = definition.until?.description
        self[.at] = definition.time?.description
        self[.timezone] = definition.timeZoneIdentifier
        self[.remind] = definition.leads?.map(\.description).joined(separator: ";")
        self[.channels] = definition.channels?.joined(separator: ";")
        self[.leapDay] = definition.leapDay?.rawValue
        self[.exdates] = definition.exdates.isEmpty ? nil : definition.exdates.map(\.description).joined(separator: ";")
        self[.rdates] = definition.rdates.isEmpty ? nil : definition.rdates.map(\.description).joined(separator: ";")
        self[.notes] = definition.notes
    }

    init() {}
}

extension BidirectionalCollection<UInt8> {
    /// UTF-8 that starts and ends with a visible ASCII character: certainly nothing to trim.
    var hasNoSpaceAtItsEnds: Bool {
        guard let first, let last else { return false }
        return first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80
    }
}

extension StringProtocol {
    /// Empty or only whitespace; ASCII text (nearly every field) is checked byte by byte.
    var isBlank: Bool {
        if let first = utf8.first, first > 0x20, first < 0x80 { return false }
        if utf8.allSatisfy({ $0 < 0x80 }) { return utf8.allSatisfy { $0 == 0x20 || (0x09...0x0D).contains($0) } }
        return allSatisfy(\.isWhitespace)
    }
}

extension Substring {
    /// Without leading and trailing whitespace. (Foundation's `trimmingCharacters` bridges
    /// through NSString: a fifth of a large import's time.)
    var trimmingSpaces: String {
        // Most list items have no space around them: no new string but the one returned.
        if utf8.hasNoSpaceAtItsEnds { return String(self) }
        return String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
