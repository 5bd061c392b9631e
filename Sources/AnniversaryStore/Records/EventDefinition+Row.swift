import AnniversaryCore
import Foundation
import GRDB

/// Columns of the `event` table, in the order statements bind them.
enum EventColumns {
    static let definition = ["id", "title", "origin_year", "month", "day", "month_day", "recurrence", "until", "tags",
                             "message", "time", "time_zone", "remind", "channels", "leap_day"]
    static let all = definition + ["source", "next_fire_at", "lead_span_days"]
    static let select = "SELECT " + all.joined(separator: ", ") + " FROM event"
    /// Inserts a row; a row with the same id must have been deleted first (its month-day, part
    /// of the primary key, may have changed).
    static let insert = insert(rows: 1)

    /// Inserts `rows` rows at once.
    static func insert(rows: Int) -> String {
        let placeholders = "(" + Array(repeating: "?", count: all.count).joined(separator: ", ") + ")"
        return "INSERT INTO event (\(all.joined(separator: ", "))) VALUES " + Array(repeating: placeholders, count: rows).joined(separator: ", ")
    }
}

/// Lists are stored as text joined by the ASCII unit separator, which no tag or channel name contains.
let listSeparator: Character = "\u{1F}"

extension EventDefinition {
    /// The `month_day` key (`MMDD`) that the upcoming-dates index ranges over.
    var monthDay: Int { origin.month * 100 + origin.day }

    /// Decodes a row selected with ``EventColumns/select``.
    init(row: Row) {
        let origin = OriginDate(year: row[2], month: row[3], day: row[4])!
        self.init(
            id: row[0], title: row[1], origin: origin,
            recurrence: Recurrence(rawValue: row[6]) ?? .yearly,
            tags: (row[8] as String).split(separator: listSeparator).map(String.init),
            message: row[9],
            until: (row[7] as String?).flatMap(LocalDate.init),
            time: (row[10] as String?).flatMap(TimeOfDay.init),
            timeZoneIdentifier: row[11],
            leads: (row[12] as String?).map { $0.split(separator: ",").compactMap { Lead(String($0)) } },
            channels: (row[13] as String?).map { $0.split(separator: listSeparator).map(String.init) },
            leapDay: (row[14] as String?).flatMap(LeapDayPolicy.init(rawValue:))
        )
    }
}

extension StoredEvent {
    init(row: Row) {
        self.init(
            definition: EventDefinition(row: row),
            source: Source(rawValue: row[15]) ?? .cli,
            nextFireAt: (row[16] as Double?).map(Date.init(timeIntervalSince1970:))
        )
    }
}
