import AnniversaryCore
@testable import AnniversaryStore
import AnniversaryTesting
import Foundation
import GRDB
import Testing

/// Events that recur by rule, in the store: their fields, and the index `upcoming` reads them by.
struct RuleEventStoreTests {
    let directory = TemporaryDirectory()
    let policy = SchedulePolicy(time: TimeOfDay("09:00")!, timeZone: TimeZone(identifier: "America/New_York")!, leads: [Lead("7d")!, .onTheDay])
    var path: String { directory.file("calendar.sqlite") }

    func rule(_ id: String, _ start: String, _ rule: String, exdates: [String] = [], rdates: [String] = [], until: String? = nil) -> EventDefinition {
        EventDefinition(
            id: id, title: id, origin: OriginDate(start)!, recurrence: .rule(try! RecurrenceRule(parsing: rule)),
            until: until.map { LocalDate($0)! }, exdates: exdates.map { LocalDate($0)! }, rdates: rdates.map { LocalDate($0)! }
        )
    }

    /// Rules of every frequency, some rare, some ended, started from 1900 to next year.
    func randomRuleEvents(count: Int) -> [EventDefinition] {
        var random = SystemRandomNumberGenerator.Seeded(seed: 14)
        let rules = [
            "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYDAY=-1FR", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
            "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", "FREQ=DAILY;INTERVAL=10",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH", "FREQ=MONTHLY;COUNT=5",
            "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", "FREQ=DAILY;UNTIL=20260801",
            "FREQ=YEARLY;BYYEARDAY=-1,100", "FREQ=WEEKLY;COUNT=3000;BYDAY=SA,SU",
        ]
        return (0..<count).map { index in
            let start = LocalDate(year: 1900 + Int(random.next() % 128), month: 1 + Int(random.next() % 12), day: 1 + Int(random.next() % 28))!
            let text = rules[Int(random.next() % UInt64(rules.count))]
            let exdate = start.adding(days: Int(random.next() % 20_000)).description
            return rule("r\(index)", start.description, text, exdates: [exdate], rdates: random.next() % 5 == 0 ? ["2026-07-04"] : [])
        }
    }

    @Test func roundTripsARuleEvent() throws {
        let store = try CalendarStore(path: path)
        let board = rule("board", "2027-03-26", "FREQ=YEARLY;UNTIL=20301231T235959Z;BYMONTH=3,6,9,12;BYDAY=-1FR", exdates: ["2027-06-25", "2028-03-31"], rdates: ["2027-07-02"])
        try store.addEvents([board], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        #expect(try store.fetchEvent(id: "board")?.definition == board)
        #expect(try store.fetchNextFireDate() == utc("2027-03-19T13:00:00Z"))
    }

    /// A database made before rules keeps its events, which stay yearly.
    @Test func migrationV5KeepsEarlierEvents() throws {
        let queue = try DatabaseQueue(path: path)
        try CalendarStore.migrator.migrate(queue, upTo: "v4: events keyed by month-day and arrival")
        try queue.close()
        let store = try CalendarStore(path: path)
        try store.addEvents([definition("mongolia", "1987-01-27")], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        try store.addEvents([rule("daily", "2026-01-01", "FREQ=DAILY")], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        #expect(try store.fetchEvents().map { "\($0.definition.id) \($0.definition.recurrence)" } == ["daily FREQ=DAILY", "mongolia yearly"])
    }

    /// Schema v6 adds notes: a database from before keeps its events, which have none, and
    /// notes written read back.
    @Test func migrationV6AddsNotes() throws {
        let queue = try DatabaseQueue(path: path)
        try CalendarStore.migrator.migrate(queue, upTo: "v5: rule events")
        try queue.close()
        let store = try CalendarStore(path: path)
        try store.addEvents([definition("mongolia", "1987-01-27")], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        var noted = rule("board", "2027-03-26", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYDAY=-1FR")
        noted.notes = "Room 4\nbring the minutes"
        try store.addEvents([noted], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        #expect(try store.fetchEvent(id: "mongolia")?.definition.notes == nil)
        #expect(try store.fetchEvent(id: "board")?.definition == noted)
    }

    /// Rule events with a date in a window are all read, by index, whatever the window, before and
    /// after the daemon moves their next dates on; those without are mostly left unread.
    @Test func windowsReadEveryRuleEventWithADateInThem() throws {
        let store = try CalendarStore(path: path)
        let events = randomRuleEvents(count: 500) + [definition("mongolia", "1987-01-27")]
        try store.syncFileEvents(events, policy: policy, now: utc("2026-06-01T00:00:00Z"))
        let resolved = events.map { try! policy.resolve($0) }
        func check(_ label: String, near reference: LocalDate) throws {
            var random = SystemRandomNumberGenerator.Seeded(seed: 5)
            for _ in 0..<12 {
                let start = LocalDate("2026-05-25")!.adding(days: Int(random.next() % 500))
                let end = start.adding(days: Int(random.next() % 45))
                let expected = Set(resolved.filter { !$0.occurrences(from: start, through: end).isEmpty }.map(\.id))
                let read = try store.fetchEvents(occurringFrom: start, through: end).map(\.id)
                #expect(expected.isSubset(of: Set(read)), "\(label) \(start)…\(end): missing \(expected.subtracting(read).sorted().prefix(5))")
                #expect(Set(read).count == read.count)
            }
            // From the reference the rows were written for, the rows read are those with a date in
            // the window or in the two days before it.
            let (start, end) = (reference, reference.adding(days: 29))
            let expected = resolved.filter { !$0.occurrences(from: start, through: end).isEmpty }.count
            let read = try store.fetchEvents(occurringFrom: start, through: end).count
            #expect(read < expected * 5 / 4 + 30, "\(label): read \(read) for \(expected)")
        }
        try check("after sync", near: LocalDate("2026-06-02")!)
        // The daemon plans up to September: rule events it planned move their next date on.
        _ = try store.advanceMark(to: utc("2026-06-01T00:00:00Z"), policy: policy, planner: ReminderPlanner())
        _ = try store.advanceMark(to: utc("2026-09-01T00:00:00Z"), policy: policy, planner: ReminderPlanner())
        try check("after planning", near: LocalDate("2026-09-02")!)
        // The next reminder is still the earliest of all, as brute force has it.
        let expected = resolved.compactMap { $0.nextReminder(after: utc("2026-09-01T00:00:00Z"))?.instant }.min()
        #expect(try store.fetchNextFireDate() == expected)
    }
}
