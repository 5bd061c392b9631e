import AnniversaryCore
import Foundation
import GRDB

/// Columns of the `event` table, in the order statements bind them.
enum EventColumns {
    /// Text first, as ``EventRows`` holds them.
    static let all = ["id", "title", "recurrence", "until", "tags", "message", "time", "time_zone", "remind", "channels", "leap_day",
                      "source", "origin_year", "lead_span_days", "next_fire_at", "key"]
    static let select = "SELECT " + all.joined(separator: ", ") + " FROM event"
    /// The position of `key` in ``all``.
    static let keyIndex = all.count - 1

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
    var monthDay: Int { origin.month * 100 + origin.day }

    /// Decodes a row selected with ``EventColumns/select``.
    init(row: Row) {
        let monthDay = (row[EventColumns.keyIndex] as Int) / EventKey.perMonthDay
        let origin = OriginDate(year: row[12], month: monthDay / 100, day: monthDay % 100)!
        self.init(
            id: row[0], title: row[1], origin: origin,
            recurrence: Recurrence(rawValue: row[2]) ?? .yearly,
            tags: Self.list(row[4]),
            message: row[5],
            until: (row[3] as String?).flatMap(LocalDate.init),
            time: (row[6] as String?).flatMap(TimeOfDay.init),
            timeZoneIdentifier: row[7],
            leads: (row[8] as String?).map { $0.split(separator: ",").compactMap { Lead(String($0)) } },
            channels: (row[9] as String?).map(Self.list),
            leapDay: (row[10] as String?).flatMap(LeapDayPolicy.init(rawValue:))
        )
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
            source: Source(rawValue: row[11]) ?? .cli,
            nextFireAt: (row[14] as Double?).map(Date.init(timeIntervalSince1970:))
        )
    }
}
