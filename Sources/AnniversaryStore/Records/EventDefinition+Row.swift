import AnniversaryCore
import Foundation
import GRDB
import Synchronization

/// Columns of the `event` table, in the order statements bind them.
enum EventColumns {
    /// Text first, as ``EventRows`` holds them.
    static let all = ["id", "title", "recurrence", "until", "tags", "message", "time", "time_zone", "remind", "channels", "leap_day",
                      "exdates", "rdates", "start", "next_occurrence", "occurs_from", "notes",
                      "source", "origin_year", "lead_span_days", "next_fire_at", "key"]
    static let select = "SELECT " + all.joined(separator: ", ") + " FROM event"

    /// Positions in ``all``: rows are decoded by position, which is faster than by name.
    enum Index {
        static let id = 0, title = 1, recurrence = 2, until = 3, tags = 4, message = 5, time = 6, timeZone = 7, remind = 8,
                   channels = 9, leapDay = 10, exdates = 11, rdates = 12, start = 13, notes = 16, source = 17, originYear = 18,
                   nextFireAt = 20, key = 21
    }

    static let keyIndex = Index.key

    /// Decodes a row selected with ``select`` with its key, by which it is updated fastest.
    static func keyAndDefinition(row: Row) -> (key: Int, definition: EventDefinition) {
        (row[keyIndex], EventDefinition(row: row))
    }

    /// Inserts a row; a row with the same id must have been deleted first.
    static let insert = insert(rows: 1)

    /// Inserts `rows` rows at once.
    ///
    /// `OR FAIL`: a failed statement keeps the rows before the failing one instead of undoing
    /// them all, so SQLite keeps no statement journal (in a bulk import, a temporary file written
    /// a quarter of a million times); any failure rolls the whole transaction back anyway.
    static func insert(rows: Int) -> String {
        let placeholders = "(" + Array(repeating: "?", count: all.count).joined(separator: ", ") + ")"
        return "INSERT OR FAIL INTO event (\(all.joined(separator: ", "))) VALUES " + Array(repeating: placeholders, count: rows).joined(separator: ", ")
    }
}

/// Lists are stored as text joined by the ASCII unit separator, which no tag or channel name contains.
let listSeparator: Character = "\u{1F}"

extension EventDefinition {
    /// The month-day (`MMDD`) that the table's ``EventKey`` clusters by.
    /// Rule events, whose dates follow no month-day, are all at ``EventKey/ruleEvents``.
    var monthDay: Int { recurrence.rule == nil ? origin.month * 100 + origin.day : EventKey.ruleEvents }

    /// Decodes a row selected with ``EventColumns/select``.
    init(row: Row) {
        typealias Index = EventColumns.Index
        let recurrence = Self.recurrence(row[Index.recurrence])
        let origin: OriginDate
        if recurrence.rule != nil, let start = (row[Index.start] as String?).flatMap(LocalDate.init) {
            origin = OriginDate(start)
        } else {
            let monthDay = (row[Index.key] as Int) / EventKey.perMonthDay
            origin = OriginDate(year: row[Index.originYear], month: monthDay / 100, day: monthDay % 100)!
        }
        self.init(
            id: row[Index.id], title: row[Index.title], origin: origin,
            recurrence: recurrence,
            tags: Self.list(row[Index.tags]),
            message: row[Index.message],
            notes: row[Index.notes],
            until: (row[Index.until] as String?).flatMap(LocalDate.init),
            time: (row[Index.time] as String?).flatMap(TimeOfDay.init),
            timeZoneIdentifier: row[Index.timeZone],
            leads: (row[Index.remind] as String?).map { $0.split(separator: ",").compactMap { Lead(String($0)) } },
            channels: (row[Index.channels] as String?).map(Self.list),
            leapDay: (row[Index.leapDay] as String?).flatMap(LeapDayPolicy.init(rawValue:)),
            exdates: Self.dates(row[Index.exdates]),
            rdates: Self.dates(row[Index.rdates])
        )
    }

    /// What a `recurrence` column holds; rows are written from valid definitions, so a rule reads back.
    private static func recurrence(_ text: String) -> Recurrence {
        switch text {
        case "yearly": return .yearly
        case "once": return .once
        default:
            // Calendars repeat a few rules many times; reading one costs more than the rest of the row.
            if let known = parsedRules.withLock({ $0[text] }) { return known }
            let recurrence = (try? Recurrence(parsing: text)) ?? .yearly
            parsedRules.withLock { rules in
                if rules.count >= 10_000 { rules.removeAll(keepingCapacity: true) }
                rules[text] = recurrence
            }
            return recurrence
        }
    }

    /// Rules read from rows, by their stored text.
    private static let parsedRules = Mutex<[String: Recurrence]>([:])

    /// Dates stored as text: `YYYY-MM-DD,YYYY-MM-DD`; `nil` for none.
    static func text(_ dates: [LocalDate]) -> String? {
        dates.isEmpty ? nil : dates.map(\.description).joined(separator: ",")
    }

    private static func dates(_ text: String?) -> [LocalDate] {
        text.map { $0.split(separator: ",").compactMap { LocalDate(String($0)) } } ?? []
    }

    /// A list stored as text; most lists are one item, which needs no splitting.
    private static func list(_ text: String) -> [String] {
        if text.isEmpty { return [] }
        if !text.utf8.contains(listSeparator.asciiValue!) { return [text] }
        return text.split(separator: listSeparator).map(String.init)
    }
}

extension StoredEvent {
    init(row: Row) {
        self.init(
            definition: EventDefinition(row: row),
            source: Source(rawValue: row[EventColumns.Index.source]) ?? .cli,
            nextFireAt: (row[EventColumns.Index.nextFireAt] as Double?).map(Date.init(timeIntervalSince1970:))
        )
    }
}
