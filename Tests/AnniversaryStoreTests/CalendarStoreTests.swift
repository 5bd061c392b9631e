import AnniversaryCore
@testable import AnniversaryStore
import AnniversaryTesting
import Foundation
import GRDB
import Testing

func utc(_ text: String) -> Date {
    try! Date(text, strategy: .iso8601)
}

func definition(_ id: String, _ origin: String, title: String? = nil, tags: [String] = [], leads: [String]? = nil) -> EventDefinition {
    EventDefinition(id: id, title: title ?? id, origin: OriginDate(origin)!, tags: tags, leads: leads?.map { Lead($0)! })
}

struct CalendarStoreTests {
    let directory = TemporaryDirectory()
    let policy = SchedulePolicy(time: TimeOfDay("09:00")!, timeZone: TimeZone(identifier: "UTC")!, leads: [.onTheDay])
    var path: String { directory.file("calendar.sqlite") }

    @Test func migratesFromEmptyAndReopens() throws {
        // Given a fresh file
        let store = try CalendarStore(path: path)
        // Then the schema exists and a second open (already migrated) works
        #expect(try store.fetchEventCount() == 0)
        #expect(try store.fetchMark() == nil)
        #expect(try CalendarStore(path: path).fetchEventCount() == 0)
        #expect(try store.writer.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == CalendarStore.pageSize)
    }

    @Test func migrationV3KeepsEventsAndTheirIDsUnique() throws {
        // Given a database at schema v2 holding an event
        try makeDatabase(upTo: "v2: each channel's queue", events: "('mongolia', 'Mongolia', 1987, 1, 27, 127, 'yearly', '', 'cli', 1800000000, 0)")
        // When the store opens it
        let store = try CalendarStore(path: path)
        // Then the event is still there and its id is still taken
        #expect(try store.fetchEvents().map(\.definition.id) == ["mongolia"])
        #expect(throws: StoreError.eventExists(id: "mongolia")) {
            try store.addEvents([definition("mongolia", "1987-01-28")], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        }
    }

    @Test func migrationV4KeysEventsByMonthDayInIDOrder() throws {
        // Given a database at schema v3 holding three events, two on 27 January
        try makeDatabase(upTo: "v3: event ids in an index of their own", events: """
            ('mongolia', 'Mongolia', 1987, 1, 27, 127, 'yearly', 't', 'file', 1800000000, 0),
            ('auschwitz', 'Liberation', 1945, 1, 27, 127, 'yearly', '', 'cli', 1800000000, 0),
            ('moon', 'Moon', 1969, 7, 20, 720, 'yearly', '', 'cli', 1790000000, 0)
            """)
        // When the store opens it
        let store = try CalendarStore(path: path)
        // Then each event keeps its fields, and is keyed by its month-day, in id order
        #expect(try keys() == ["auschwitz": 127_000_000_000_001, "mongolia": 127_000_000_000_002, "moon": 720_000_000_000_001])
        #expect(try store.fetchEvent(id: "mongolia") == StoredEvent(
            definition: EventDefinition(id: "mongolia", title: "Mongolia", origin: OriginDate("1987-01-27")!, tags: ["t"]),
            source: .file, nextFireAt: Date(timeIntervalSince1970: 1_800_000_000)))
        #expect(try store.fetchEvents(occurringFrom: LocalDate("2027-01-27")!, through: LocalDate("2027-01-27")!).map(\.id) == ["auschwitz", "mongolia"])
        #expect(try store.fetchNextFireDate() == Date(timeIntervalSince1970: 1_790_000_000))
        // And the ids are still unique
        #expect(throws: StoreError.eventExists(id: "moon")) {
            try store.addEvents([definition("moon", "1969-07-21")], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        }
    }

    @Test func aNewEventGoesAfterTheLastOfItsMonthDay() throws {
        let store = try CalendarStore(path: path)
        let now = utc("2026-01-01T00:00:00Z")
        try store.addEvents([definition("b", "2000-01-27"), definition("a", "1990-01-27")], policy: policy, now: now)
        try store.addEvents([definition("c", "1980-01-27"), definition("d", "1980-12-31")], policy: policy, now: now)
        #expect(try keys() == [
            "b": 127_000_000_000_001, "a": 127_000_000_000_002, "c": 127_000_000_000_003, "d": 1231_000_000_000_001,
        ])
        // Removing the last frees its number; the others keep theirs.
        try store.removeEvent(id: "c")
        try store.addEvents([definition("e", "1980-01-27")], policy: policy, now: now)
        #expect(try keys()["e"] == 127_000_000_000_003)
    }

    @Test func aBatchThatTakesAStoredIDNamesIt() throws {
        // Given more stored events than are added (the indexes stay in place)
        let store = try CalendarStore(path: path)
        let now = utc("2026-01-01T00:00:00Z")
        try store.addEvents((0..<100).map { definition("s\($0)", "2000-01-01") }, policy: policy, now: now)
        // When a batch whose 20th row takes a stored id is added, 32 rows per statement
        let batch = (0..<19).map { definition("n\($0)", "2000-02-02") } + [definition("s7", "2000-02-02")]
            + (19..<40).map { definition("n\($0)", "2000-02-02") }
        // Then that id is named, not one of the rows the failed statement had put in before it
        #expect(throws: StoreError.eventExists(id: "s7")) {
            try store.addEvents(replacing: false, now: now, expectedCount: batch.count) { reference in
                var preparer = EventPreparer(policy: policy, after: reference)
                var next: EventRows? = EventRows(batch, preparer: &preparer)
                return { defer { next = nil }; return next }
            }
        }
        #expect(try store.fetchEventCount() == 100)
    }

    /// A database migrated up to `migration`, holding `events`: rows of the v1 to v3 event table.
    private func makeDatabase(upTo migration: String, events: String) throws {
        let queue = try DatabaseQueue(path: path)
        try CalendarStore.migrator.migrate(queue, upTo: migration)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO event (id, title, origin_year, month, day, month_day, recurrence, tags, source, next_fire_at, lead_span_days)
                VALUES \(events)
                """)
        }
        try queue.close()
    }

    /// Each event's row key, by id.
    private func keys() throws -> [String: Int] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, key FROM event").map { ($0[0], $0[1]) })
        }
    }

    @Test func aBulkAddThatTakesAStoredIDChangesNothing() throws {
        // Given one stored event, and more new events than stored ones (indexes dropped and rebuilt)
        let store = try CalendarStore(path: path)
        let now = utc("2026-01-01T00:00:00Z")
        try store.addEvents([definition("b", "2000-02-02", title: "Kept")], policy: policy, now: now)
        // (in key order, "b" falls in the second statement of 32 rows)
        let events = (0..<40).map { definition("e\($0)", "2000-01-01") } + [definition("b", "2000-02-02")]
            + (40..<1500).map { definition("e\($0)", "2000-03-03") }
        // When they are added, the taken id is named, and nothing changed
        #expect(throws: StoreError.eventExists(id: "b")) {
            try store.addEvents(events, policy: policy, now: now)
        }
        #expect(try store.fetchEvents().map(\.definition.title) == ["Kept"])
        // And the indexes came back with the rollback: the id is still unique
        #expect(throws: StoreError.eventExists(id: "b")) {
            try store.addEvents([definition("b", "2000-05-05")], policy: policy, now: now)
        }
        #expect(try store.fetchNextFireDate() == utc("2026-02-02T09:00:00Z"))
    }

    @Test func aFailingBatchRollsBackTheEarlierOnes() throws {
        struct Broken: Error {}
        let store = try CalendarStore(path: path)
        let now = utc("2026-01-01T00:00:00Z")
        var sent = 0
        #expect(throws: Broken.self) {
            try store.addEvents(now: now, expectedCount: 2000) { reference in
                {
                    sent += 1
                    guard sent == 1 else { throw Broken() }
                    var preparer = EventPreparer(policy: policy, after: reference)
                    return EventRows((0..<1000).map { definition("e\($0)", "2000-03-03") }, preparer: &preparer)
                }
            }
        }
        #expect(try store.fetchEventCount() == 0)
    }

    @Test func theDaemonsLogIsCheckpointedOnAThreadOfItsOwn() throws {
        // Given the daemon's store, whose commits ring the checkpointer instead of checkpointing
        let store = try CalendarStore(path: path, checkpointsInBackground: true)
        let checkpointer = try #require(store.checkpointer)
        let now = utc("2026-01-01T00:00:00Z")
        // When its commits write several times the 1,000 pages that make a checkpoint due
        for part in 0..<40 {
            let title = String(repeating: "x", count: CalendarStore.pageSize / 4)
            try store.addEvents((0..<200).map { definition("e\(part)-\($0)", "2000-03-03", title: title) }, policy: policy, now: now)
            _ = checkpointer.waitUntilIdle()
        }
        // Then the checkpointer copied the log back, and the log restarted instead of growing
        #expect(checkpointer.waitUntilIdle() > 0)
        let log = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
        #expect(log < 2 * 1000 * CalendarStore.pageSize, "the log holds \(log) bytes")
        #expect(try store.fetchEventCount() == 8000)
    }

    @Test func syncAddsUpdatesAndRemovesFileEventsOnly() throws {
        let store = try CalendarStore(path: path)
        let now = utc("2026-01-01T00:00:00Z")
        try store.addEvents([definition("cli", "2000-03-03")], policy: policy, now: now)

        var result = try store.syncFileEvents([definition("a", "1987-01-27"), definition("b", "2000-02-02")], policy: policy, now: now)
        #expect((result.inserted, result.updated, result.removed) == (2, 0, 0))

        // Unchanged files: nothing is scanned.
        result = try store.syncFileEvents([definition("a", "1987-01-27"), definition("b", "2000-02-02")], policy: policy, now: now)
        #expect(!result.didScan)

        // "b" left the file, "a" changed its title.
        result = try store.syncFileEvents([definition("a", "1987-01-27", title: "A")], policy: policy, now: now)
        #expect((result.inserted, result.updated, result.removed) == (0, 1, 1))
        #expect(try store.fetchEvents().map(\.definition.id) == ["a", "cli"])
        #expect(try store.fetchEvent(id: "a")?.definition.title == "A")
        #expect(try store.fetchEvent(id: "cli")?.source == .cli)
    }

    /// A file never takes over an id added from the command line: the sync refuses, names every
    /// such id, and changes nothing, the CLI event and the file's other events included.
    @Test func fileDoesNotTakeOverACLIEventsId() throws {
        let store = try CalendarStore(path: path)
        let now = utc("2026-01-01T00:00:00Z")
        try store.addEvents([definition("x", "2000-03-03"), definition("y", "2000-04-04")], policy: policy, now: now)
        #expect(throws: StoreError.fileEventsShadowCLIEvents(ids: ["x", "y"])) {
            try store.syncFileEvents([definition("x", "1999-09-09"), definition("f", "1999-01-01"), definition("y", "1999-09-09")], policy: policy, now: now)
        }
        #expect(try store.fetchEvents().map(\.definition.id) == ["x", "y"])
        #expect(try store.fetchEvent(id: "x")?.source == .cli)
        #expect(try store.fetchEvent(id: "x")?.definition.origin == OriginDate("2000-03-03"))
        #expect(try store.cliEventIDs(among: ["f", "y", "x"]) == ["y", "x"])
        // Once the file drops it, the sync goes through.
        try store.syncFileEvents([definition("f", "1999-01-01")], policy: policy, now: now)
        #expect(try store.fetchEvents().map(\.definition.id) == ["f", "x", "y"])
        #expect(throws: StoreError.eventFromFile(id: "f")) { try store.removeEvent(id: "f") }
        #expect(throws: StoreError.eventFromFile(id: "f")) { try store.addEvents([definition("f", "2001-01-01")], policy: policy, now: now) }
    }

    /// With the files unchanged, opening the database and syncing take no write lock: they work
    /// while another process holds it. A changed file then meets the lock.
    @Test func anUnchangedSyncTakesNoWriteLock() throws {
        let events = [definition("a", "1987-01-27")]
        try CalendarStore(path: path).syncFileEvents(events, policy: policy, now: utc("2026-01-01T00:00:00Z"))
        let lock = try SQLiteLockHolder(path: path)
        defer { lock.release() }
        let store = try CalendarStore(path: path, busyTimeout: .milliseconds(100))
        #expect(try store.syncFileEvents(events, policy: policy, now: utc("2026-01-02T00:00:00Z")) == CalendarStore.SyncResult())
        #expect(try store.fetchEvents().map(\.definition.id) == ["a"])
        #expect(throws: StoreError.locked(path: path)) {
            try store.syncFileEvents(events + [definition("b", "2000-01-01")], policy: policy, now: utc("2026-01-02T00:00:00Z"))
        }
    }

    @Test func addingATakenIdChangesNothing() throws {
        let store = try CalendarStore(path: path)
        let now = utc("2026-01-01T00:00:00Z")
        try store.addEvents([definition("x", "2000-03-03")], policy: policy, now: now)
        // The batch fails on its second event: the first must not be written either.
        #expect(throws: StoreError.eventExists(id: "x")) {
            try store.addEvents([definition("y", "2001-01-01"), definition("x", "2001-01-01")], policy: policy, now: now)
        }
        #expect(try store.fetchEvents().map(\.definition.id) == ["x"])
        #expect(throws: StoreError.eventNotFound(id: "nope")) { try store.removeEvent(id: "nope") }
    }

    @Test func roundTripsEveryField() throws {
        let store = try CalendarStore(path: path)
        let full = EventDefinition(
            id: "full", title: "Quote \" and\nnewline", origin: OriginDate("--02-29")!, recurrence: .yearly,
            tags: ["a", "b c"], message: "{{years}}", until: LocalDate("2100-01-01"), time: TimeOfDay("07:15:30"),
            timeZoneIdentifier: "Asia/Kolkata", leads: [Lead("2w")!, Lead("3h")!], channels: ["log", "team"], leapDay: .mar1
        )
        try store.addEvents([full], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        #expect(try store.fetchEvent(id: "full")?.definition == full)
    }

    /// The next due instant across 10,000 events comes from the index.
    @Test func nextFireDateAcross10000Events() throws {
        let store = try CalendarStore(path: path)
        let events = (0..<10_000).map { index in
            definition("e\(index)", LocalDate(daysSinceEpoch: index * 37 % 20_000).description)
        }
        let now = utc("2026-06-15T12:00:00Z")
        try store.syncFileEvents(events, policy: policy, now: now)
        #expect(try store.fetchEventCount() == 10_000)
        // Brute force over the same events, for comparison.
        let expected = events.compactMap { try? policy.resolve($0).nextReminder(after: now)?.instant }.min()
        #expect(try store.fetchNextFireDate() == expected)
        #expect(try store.fetchNextFireDate() == utc("2026-06-16T09:00:00Z"))
    }

    @Test func monthDayWindowReadsOnlyMatchingEvents() throws {
        let store = try CalendarStore(path: path)
        try store.syncFileEvents([
            definition("jan27", "1987-01-27", tags: ["diplomatic"]), definition("dec31", "2000-12-31"),
            definition("leap", "2000-02-29"), definition("jul", "2000-07-01"),
        ], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        let ids = { (from: String, to: String, tag: String?) in
            try store.fetchEvents(occurringFrom: LocalDate(from)!, through: LocalDate(to)!, tag: tag).map(\.id).sorted()
        }
        #expect(try ids("2026-01-20", "2026-01-30", nil) == ["jan27"])
        #expect(try ids("2026-12-25", "2027-01-30", nil) == ["dec31", "jan27"])
        #expect(try ids("2027-02-28", "2027-02-28", nil) == ["leap"])
        #expect(try ids("2027-03-01", "2027-03-02", nil) == ["leap"])
        #expect(try ids("2026-01-01", "2026-12-31", "diplomatic") == ["jan27"])
        #expect(try ids("2026-01-01", "2027-06-01", nil).count == 4)
    }

    // MARK: - Advancing the Mark

    @Test func firstStartBeginsAtNow() throws {
        let store = try CalendarStore(path: path)
        try store.syncFileEvents([definition("a", "2000-01-01")], policy: policy, now: utc("2025-06-01T00:00:00Z"))
        let advance = try store.advanceMark(to: utc("2026-06-01T00:00:00Z"), policy: policy, planner: ReminderPlanner())
        #expect(advance.previousMark == nil)
        #expect(advance.queued.isEmpty)
        #expect(try store.fetchMark() == utc("2026-06-01T00:00:00Z"))
        #expect(try store.fetchNextFireDate() == utc("2027-01-01T09:00:00Z"))
    }

    @Test func advanceQueuesEachReminderOnceAndHoldsTheMarkWhenTheClockGoesBack() throws {
        let store = try CalendarStore(path: path)
        let policy = SchedulePolicy(timeZone: TimeZone(identifier: "UTC")!, leads: [Lead("1d")!, .onTheDay], channels: ["log", "team"])
        try store.syncFileEvents([definition("a", "2000-01-10")], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        _ = try store.advanceMark(to: utc("2026-01-01T00:00:00Z"), policy: policy, planner: ReminderPlanner())

        let first = try store.advanceMark(to: utc("2026-01-09T09:00:00Z"), policy: policy, planner: ReminderPlanner())
        #expect(first.queued.map(\.id) == ["a/2026-01-10/1d/log", "a/2026-01-10/1d/team"])
        #expect(first.queued.allSatisfy { !$0.isLate })
        #expect(try store.fetchNextFireDate() == utc("2026-01-10T09:00:00Z"))

        // The clock goes back an hour, then forward past the same instant: nothing twice.
        let back = try store.advanceMark(to: utc("2026-01-09T08:00:00Z"), policy: policy, planner: ReminderPlanner())
        #expect(back.queued.isEmpty)
        #expect(try store.fetchMark() == utc("2026-01-09T09:00:00Z"))
        let again = try store.advanceMark(to: utc("2026-01-09T09:30:00Z"), policy: policy, planner: ReminderPlanner())
        #expect(again.queued.isEmpty)
        #expect(try store.fetchOutbox(status: .pending).count == 2)
    }

    /// Planned past `now`, a reminder waits in the outbox for its instant: not late, not yet due,
    /// and the mark stands at the horizon. A first start still begins at `now`.
    @Test func plansAheadOfNowUpToTheHorizon() throws {
        let store = try CalendarStore(path: path)
        try store.syncFileEvents([definition("a", "2000-01-10"), definition("b", "2000-01-11")], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        let first = try store.advanceMark(to: utc("2026-01-10T09:00:01Z"), now: utc("2026-01-10T08:59:59Z"), policy: policy, planner: ReminderPlanner())
        #expect(first.queued.isEmpty)
        #expect(try store.fetchMark() == utc("2026-01-10T08:59:59Z"))

        let ahead = try store.advanceMark(to: utc("2026-01-10T09:00:01Z"), now: utc("2026-01-10T08:59:59Z"), policy: policy, planner: ReminderPlanner())
        #expect(ahead.queued.map(\.id) == ["a/2026-01-10/0d/log"])
        #expect(ahead.queued.allSatisfy { !$0.isLate })
        #expect(try store.fetchMark() == utc("2026-01-10T09:00:01Z"))
        #expect(try store.fetchNextFireDate() == utc("2026-01-11T09:00:00Z"))
        #expect(try store.fetchDueDeliveries(channel: "log", at: utc("2026-01-10T08:59:59Z"), limit: 10).isEmpty)
        #expect(try store.fetchDueDeliveries(channel: "log", at: utc("2026-01-10T09:00:00Z"), limit: 10).map(\.reminder.id) == ["a/2026-01-10/0d/log"])
        #expect(try store.fetchNextAttemptDates() == ["log": utc("2026-01-10T09:00:00Z")])
    }

    /// An event added after its reminder's instant was planned past (the mark ahead of now, the
    /// instant still to come) gets that reminder at the next advance; the others stay single.
    @Test func anEventAddedWhilePlanningAheadKeepsItsReminder() throws {
        let store = try CalendarStore(path: path)
        try store.syncFileEvents([definition("a", "2000-01-10")], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        _ = try store.advanceMark(to: utc("2026-01-01T00:00:00Z"), policy: policy, planner: ReminderPlanner())
        let first = try store.advanceMark(to: utc("2026-01-10T09:00:01Z"), now: utc("2026-01-10T08:59:59Z"), policy: policy, planner: ReminderPlanner())
        #expect(first.queued.map(\.id) == ["a/2026-01-10/0d/log"])

        try store.addEvents([definition("b", "2000-01-10")], policy: policy, now: utc("2026-01-10T08:59:59.500Z"))
        try store.syncFileEvents([definition("a", "2000-01-10"), definition("c", "2000-01-10")], policy: policy, now: utc("2026-01-10T08:59:59.500Z"))
        #expect(try store.fetchNextFireDate() == utc("2026-01-10T09:00:00Z"))
        let next = try store.advanceMark(to: utc("2026-01-10T09:00:01.500Z"), now: utc("2026-01-10T08:59:59.500Z"), policy: policy, planner: ReminderPlanner())
        #expect(next.queued.map(\.id).sorted() == ["b/2026-01-10/0d/log", "c/2026-01-10/0d/log"])
        #expect(try store.fetchOutbox(status: .pending).count == 3)
    }

    /// A burst is planned a few events per transaction; the mark moves only with the last one,
    /// and every reminder is queued once.
    @Test func advancesInPartsWhenManyAreDue() throws {
        let store = try CalendarStore(path: path)
        try store.syncFileEvents((0..<5).map { definition("e\($0)", "2000-01-10") }, policy: policy, now: utc("2026-01-01T00:00:00Z"))
        _ = try store.advanceMark(to: utc("2026-01-01T00:00:00Z"), policy: policy, planner: ReminderPlanner())
        var queued: [String] = []
        var parts = 0
        while true {
            let advance = try store.advanceMark(to: utc("2026-01-10T09:00:00Z"), policy: policy, planner: ReminderPlanner(), limit: 2)
            queued += advance.queued.map(\.id)
            parts += 1
            guard advance.isPartial else { break }
            #expect(try store.fetchMark() == utc("2026-01-01T00:00:00Z"))
        }
        #expect(parts == 3)
        #expect(queued.sorted() == (0..<5).map { "e\($0)/2026-01-10/0d/log" })
        #expect(try store.fetchMark() == utc("2026-01-10T09:00:00Z"))
        #expect(try store.fetchOutbox(status: .pending).count == 5)
    }

    /// The template context survives the outbox whatever it holds.
    @Test func contextRoundTripsThroughTheOutbox() throws {
        let store = try CalendarStore(path: path)
        let hostile = "quote \" backslash \\ newline \n tab \t bell \u{7} emoji 🎉 <!channel>"
        try store.syncFileEvents([EventDefinition(id: "h", title: hostile, origin: OriginDate("2000-01-10")!)], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        _ = try store.advanceMark(to: utc("2026-01-01T00:00:00Z"), policy: policy, planner: ReminderPlanner())
        let advance = try store.advanceMark(to: utc("2026-01-10T09:00:00Z"), policy: policy, planner: ReminderPlanner())
        let stored = try #require(try store.fetchOutbox().first)
        #expect(stored.reminder.context == advance.queued.first?.context)
        #expect(stored.reminder.context["title"] == hostile)
    }

    @Test func downtimeSendsRecentRemindersLateAndRecordsOldOnesAsMissed() throws {
        let store = try CalendarStore(path: path)
        try store.syncFileEvents([definition("old", "2000-01-10"), definition("recent", "2000-01-20")], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        _ = try store.advanceMark(to: utc("2026-01-01T00:00:00Z"), policy: policy, planner: ReminderPlanner())
        // Down from Jan 1 until Jan 20 at 12:00: "old" is 10 days late, "recent" 3 hours.
        let advance = try store.advanceMark(to: utc("2026-01-20T12:00:00Z"), policy: policy, planner: ReminderPlanner(catchUp: .seconds(86_400)))
        #expect(advance.queued.map(\.eventID) == ["recent"])
        #expect(advance.queued.first?.lateBy == .seconds(3 * 3600))
        #expect(advance.missed.map(\.eventID) == ["old"])
        #expect(try store.fetchOutbox(status: .missed).map(\.reminder.eventID) == ["old"])
        #expect(try store.fetchOutbox(status: .pending).first?.reminder.context["late_by"] == "3h")
    }

    @Test func recordsDeliveryAttempts() throws {
        let store = try CalendarStore(path: path)
        try store.syncFileEvents([definition("a", "2000-01-10")], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        _ = try store.advanceMark(to: utc("2026-01-01T00:00:00Z"), policy: policy, planner: ReminderPlanner())
        let id = try #require(try store.advanceMark(to: utc("2026-01-10T09:00:00Z"), policy: policy, planner: ReminderPlanner()).queued.first?.id)
        try store.recordAttempt(id: id, status: .delivered, at: utc("2026-01-10T09:00:01Z"))
        let entry = try #require(try store.fetchOutbox().first)
        #expect(entry.status == .delivered)
        #expect(entry.attempts == 1)
        #expect(entry.reminder.context["message"]?.contains("26th anniversary") == true)
    }

    @Test func deadDeliveriesCanBeQueuedAgain() throws {
        let store = try CalendarStore(path: path)
        try store.syncFileEvents([definition("a", "2000-01-10"), definition("b", "2000-01-10")], policy: policy, now: utc("2026-01-01T00:00:00Z"))
        _ = try store.advanceMark(to: utc("2026-01-01T00:00:00Z"), policy: policy, planner: ReminderPlanner())
        let queued = try store.advanceMark(to: utc("2026-01-10T09:00:00Z"), policy: policy, planner: ReminderPlanner()).queued
        for reminder in queued { try store.recordAttempt(id: reminder.id, status: .dead, error: "HTTP 404", at: utc("2026-01-10T09:00:01Z")) }
        #expect(try store.retryDeadDeliveries(at: utc("2026-01-11T00:00:00Z")) == 2)
        #expect(try store.fetchOutbox(status: .pending).map(\.attempts) == [1, 1])
        #expect(try store.retryDelivery(id: queued[0].id, at: .now) == false)
        #expect(throws: StoreError.deliveryNotFound(id: "x")) { try store.retryDelivery(id: "x", at: .now) }
    }

    // MARK: - Bad Files

    @Test func aFileThatIsNotSQLiteIsReportedAndLeftAlone() throws {
        let text = String(repeating: "not a database\n", count: 100)
        directory.write("calendar.sqlite", text)
        #expect(throws: StoreError.notADatabase(path: path)) { try CalendarStore(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func aMissingFolderCannotBeOpened() {
        let missing = directory.file("missing/calendar.sqlite")
        #expect(throws: StoreError.cannotOpen(path: missing, reason: "the file or its folder is missing or not accessible")) {
            try CalendarStore(path: missing)
        }
    }

    /// SQLite's result codes become errors that say what to do (root, which runs the tests here,
    /// is never refused a write, so read-only is checked at the mapping).
    @Test(arguments: [
        (ResultCode.SQLITE_READONLY, StoreError.readOnly(path: "x")), (.SQLITE_BUSY, .locked(path: "x")),
        (.SQLITE_NOTADB, .notADatabase(path: "x")), (.SQLITE_CANTOPEN, .cannotOpen(path: "x", reason: "the file or its folder is missing or not accessible")),
        (.SQLITE_FULL, .full(path: "x")), (.SQLITE_IOERR_WRITE, .ioFailure(path: "x", message: "disk I/O error")),
    ])
    func sqliteErrorsAreExplained(code: ResultCode, expected: StoreError) {
        #expect(CalendarStore.storeError(DatabaseError(resultCode: code), path: "x") == expected)
    }

    @Test func aLockedDatabaseIsReportedAsLocked() throws {
        let store = try CalendarStore(path: path, busyTimeout: .milliseconds(200))
        // Another process holds an exclusive lock longer than the busy timeout waits.
        let lock = try SQLiteLockHolder(path: path)
        defer { lock.release() }
        let error = try #require(throws: StoreError.self) {
            try store.addEvents([definition("b", "2000-01-10")], policy: policy, now: .now)
        }
        #expect(error == .locked(path: path))
        #expect(try CalendarStore(path: path).fetchEventCount() == 0)
        #expect(try store.writer.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == CalendarStore.pageSize)
    }

    /// What the daemon waits out, and what ends it.
    @Test func transientFailuresAreThoseThatCanPass() {
        let transient: [StoreError] = [.locked(path: "x"), .full(path: "x"), .readOnly(path: "x"), .ioFailure(path: "x", message: "m")]
        let lasting: [StoreError] = [.notADatabase(path: "x"), .newerSchema(path: "x", version: 9), .cannotOpen(path: "x", reason: "r")]
        #expect(transient.allSatisfy { $0.isTransient })
        #expect(!lasting.contains { $0.isTransient })
    }
}
