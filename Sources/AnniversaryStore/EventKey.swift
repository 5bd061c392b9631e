import GRDB

/// The `event` table's integer primary key: the month-day (`MMDD`) times 10¹², plus a number
/// counting that month-day's rows from 1 (`1027000000000005`: the fifth row for 27 October).
///
/// Rows are stored in key order, so the events of a window of month-days are one sequential
/// range, which `upcoming` reads; and a new row goes after the last of its month-day, so a bulk
/// import appends at 366 places instead of all over the table. (Schema v3 keyed rows by
/// month-day and id: inserts landed wherever their ids fell, a page cache's worth of pages
/// written again and again.)
enum EventKey {
    static let perMonthDay = 1_000_000_000_000
    /// The month-day slot of rule events (schema v5): keys below 10¹², before every month-day.
    static let ruleEvents = 0
    /// One more than the largest month-day (`1231`): the size of an array indexed by month-day.
    static let monthDaySlots = 1232

    /// The keys a month-day's rows can have.
    static func range(monthDay: Int) -> Range<Int> {
        monthDay * perMonthDay..<(monthDay + 1) * perMonthDay
    }

    /// Hands out new keys within one write transaction: a month-day's first is one after its last
    /// row's (one seek), the rest are counted on from there.
    final class Allocator {
        private let lastKey: Statement
        private var next = [Int](repeating: 0, count: EventKey.monthDaySlots)

        init(_ db: Database) throws {
            lastKey = try db.cachedStatement(sql: "SELECT key FROM event WHERE key >= ? AND key < ? ORDER BY key DESC LIMIT 1")
        }

        func key(monthDay: Int) throws -> Int {
            var key = next[monthDay]
            if key == 0 {
                let range = EventKey.range(monthDay: monthDay)
                key = try (Int.fetchOne(lastKey, arguments: [range.lowerBound, range.upperBound]) ?? range.lowerBound) + 1
                // Unreachable in practice: a trillion rows added to one month-day.
                precondition(range.contains(key), "the event keys of month-day \(monthDay) are used up")
            }
            next[monthDay] = key + 1
            return key
        }
    }
}
