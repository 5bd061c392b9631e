import AnniversaryCore
import AnniversaryDaemon
import AnniversaryDelivery
import AnniversaryStore
import AnniversaryTesting
import Foundation
import Logging
import Testing

func utc(_ text: String) -> Date {
    try! Date(text, strategy: .iso8601)
}

/// A scheduler on a real SQLite file, a manual clock and a recording channel.
struct SchedulerHarness {
    let directory = TemporaryDirectory()
    let store: CalendarStore
    let clock: ManualWallClock
    let channel = RecordingChannel(name: "log")
    let policy: SchedulePolicy
    let setup: Scheduler.Setup
    let scheduler: Scheduler

    init(
        events: [EventDefinition], start: Date, leads: [String] = ["0d"], catchUp: Duration = .seconds(86_400), firstStart: Date? = nil,
        channels: [any DeliveryChannel] = [], concurrency: Int = 4, planningLead: Duration = .zero
    ) throws {
        store = try CalendarStore(path: directory.file("calendar.sqlite"))
        clock = ManualWallClock(now: start)
        let channels = [channel] + channels
        policy = SchedulePolicy(time: TimeOfDay("09:00")!, timeZone: TimeZone(identifier: "UTC")!, leads: leads.map { Lead($0)! }, channels: channels.map(\.name))
        try store.syncFileEvents(events, policy: policy, now: firstStart ?? start)
        if let firstStart { _ = try store.advanceMark(to: firstStart, policy: policy, planner: ReminderPlanner()) }
        setup = Scheduler.Setup(
            policy: policy, planner: ReminderPlanner(catchUp: catchUp),
            channels: Dictionary(uniqueKeysWithValues: channels.map { ($0.name, Scheduler.ChannelSetup(channel: $0, concurrency: concurrency)) })
        )
        scheduler = Scheduler(store: store, setup: setup, clock: clock, planningLead: planningLead, logger: Logger(label: "test"))
    }

    /// Waits (up to 10 s of real time) until the scheduler's timer is armed for `deadline`.
    func armed(for deadline: Date) async -> Bool {
        await clock.sleep(reaching: deadline)
    }

    /// Waits (up to 10 s of real time) until the scheduler has planned up to the clock's time and
    /// no delivery then due is pending (on `channels`, or any).
    func settled(_ channels: Set<String>? = nil) async throws {
        let start = ContinuousClock.now
        func busy() throws -> Bool {
            let now = clock.now
            guard let mark = try store.fetchMark(), mark >= now else { return true }
            return try store.fetchOutbox(status: .pending).contains {
                ($0.nextAttemptAt ?? .distantPast) <= now && channels?.contains($0.reminder.channel) ?? true
            }
        }
        while try busy() {
            guard ContinuousClock.now - start < .seconds(10) else {
                Issue.record("deliveries still pending after 10 s")
                return
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Runs the scheduler for the duration of `body`, then stops it as a shutdown would.
    func running(_ body: () async throws -> Void) async throws {
        let task = Task { try await scheduler.run() }
        do {
            try await body()
        } catch {
            task.cancel()
            throw error
        }
        task.cancel()
        try await task.value
    }
}

func event(_ id: String, _ origin: String) -> EventDefinition {
    EventDefinition(id: id, title: id, origin: OriginDate(origin)!)
}

struct SchedulerTests {
    /// The timer is armed for the next instant; at that instant the reminder goes out exactly once.
    @Test func firesOnceAtTheInstantAndRearms() async throws {
        let harness = try SchedulerHarness(events: [event("a", "2000-01-10")], start: utc("2026-01-01T00:00:00Z"), leads: ["1d", "0d"])
        try await harness.running {
            #expect(await harness.armed(for: utc("2026-01-09T09:00:00Z")))
            harness.clock.advance(to: utc("2026-01-09T09:00:00Z"))
            #expect(await harness.armed(for: utc("2026-01-10T09:00:00Z")))
            try await harness.settled()
            #expect(harness.channel.reminders.map(\.id) == ["a/2026-01-10/1d/log"])
            harness.clock.advance(to: utc("2026-01-10T09:00:00Z"))
            #expect(await harness.armed(for: utc("2027-01-09T09:00:00Z")))
            try await harness.settled()
        }
        #expect(harness.channel.reminders.map(\.id) == ["a/2026-01-10/1d/log", "a/2026-01-10/0d/log"])
        #expect(harness.channel.reminders.allSatisfy { !$0.isLate })
        #expect(try harness.store.fetchOutbox(status: .delivered).count == 2)
    }

    /// With a planning lead, the reminder is planned that long ahead, waits in the outbox, and is
    /// sent at its instant, once and on time.
    @Test func plansAheadAndSendsAtTheInstant() async throws {
        let harness = try SchedulerHarness(
            events: [event("a", "2000-01-10"), event("b", "2000-01-10")], start: utc("2026-01-01T00:00:00Z"), planningLead: .seconds(2)
        )
        try await harness.running {
            #expect(await harness.armed(for: utc("2026-01-10T08:59:58Z")))
            harness.clock.advance(to: utc("2026-01-10T08:59:58Z"))
            #expect(await harness.armed(for: utc("2026-01-10T09:00:00Z")))
            let planned = try harness.store.fetchOutbox(status: .pending)
            #expect(planned.map(\.reminder.id) == ["a/2026-01-10/0d/log", "b/2026-01-10/0d/log"])
            #expect(planned.allSatisfy { $0.nextAttemptAt == utc("2026-01-10T09:00:00Z") && !$0.reminder.isLate })
            #expect(harness.channel.reminders.isEmpty)
            harness.clock.advance(to: utc("2026-01-10T09:00:00Z"))
            #expect(await harness.armed(for: utc("2027-01-10T08:59:58Z")))
            try await harness.settled()
        }
        #expect(harness.channel.reminders.map(\.id) == ["a/2026-01-10/0d/log", "b/2026-01-10/0d/log"])
        #expect(harness.channel.reminders.allSatisfy { !$0.isLate })
        #expect(try harness.store.fetchOutbox(status: .delivered).count == 2)
    }

    /// Planned ahead, then stopped before the instant: the next run sends it at the instant, once.
    @Test func aReminderPlannedAheadSurvivesARestart() async throws {
        let harness = try SchedulerHarness(events: [event("a", "2000-01-10")], start: utc("2026-01-10T08:59:59Z"), planningLead: .seconds(2))
        try await harness.running {
            #expect(await harness.armed(for: utc("2026-01-10T09:00:00Z")))
        }
        #expect(try harness.store.fetchOutbox(status: .pending).count == 1)
        let restarted = Scheduler(store: harness.store, setup: harness.setup, clock: harness.clock, planningLead: .seconds(2), logger: Logger(label: "test"))
        let task = Task { try await restarted.run() }
        #expect(await harness.armed(for: utc("2026-01-10T09:00:00Z")))
        harness.clock.advance(to: utc("2026-01-10T09:00:00Z"))
        #expect(await harness.armed(for: utc("2027-01-10T08:59:58Z")))
        try await harness.settled()
        task.cancel()
        try await task.value
        #expect(harness.channel.reminders.map(\.id) == ["a/2026-01-10/0d/log"])
    }

    /// The U.S.–Mongolia example: "40 years" on 2027-01-27, a week ahead too.
    @Test func saysFortyYearsOnTheDay() async throws {
        var relations = event("us-mn", "1987-01-27")
        relations.message = "{{years}} years of diplomatic relations between the United States and Mongolia (since {{date}})."
        let harness = try SchedulerHarness(events: [relations], start: utc("2027-01-01T00:00:00Z"), leads: ["7d", "0d"])
        try await harness.running {
            #expect(await harness.armed(for: utc("2027-01-20T09:00:00Z")))
            harness.clock.advance(to: utc("2027-01-20T09:00:00Z"))
            #expect(await harness.armed(for: utc("2027-01-27T09:00:00Z")))
            harness.clock.advance(to: utc("2027-01-27T09:00:00Z"))
            #expect(await harness.armed(for: utc("2028-01-20T09:00:00Z")))
            try await harness.settled()
        }
        #expect(harness.channel.reminders.map(\.message) == [
            "40 years of diplomatic relations between the United States and Mongolia (since 1987-01-27).",
            "40 years of diplomatic relations between the United States and Mongolia (since 1987-01-27).",
        ])
        #expect(harness.channel.reminders.map(\.context["when"]) == ["in 7 days", "today"])
        #expect(harness.channel.reminders.map(\.dueAt) == [utc("2027-01-20T09:00:00Z"), utc("2027-01-27T09:00:00Z")])
    }

    /// A clock set forward past several instants fires each due reminder once.
    @Test func forwardJumpFiresEverythingDue() async throws {
        let harness = try SchedulerHarness(
            events: [event("a", "2000-01-10"), event("b", "2000-01-11")], start: utc("2026-01-01T00:00:00Z"), catchUp: .seconds(2 * 86_400)
        )
        try await harness.running {
            #expect(await harness.armed(for: utc("2026-01-10T09:00:00Z")))
            harness.clock.advance(to: utc("2026-01-11T09:00:30Z"))
            #expect(await harness.armed(for: utc("2027-01-10T09:00:00Z")))
            try await harness.settled()
        }
        #expect(harness.channel.reminders.map(\.eventID) == ["a", "b"])
        // A day late is late; thirty seconds is timer slack, on time.
        #expect(harness.channel.reminders.map(\.isLate) == [true, false])
    }

    /// Set back after a reminder fired, then forward past the next one, the clock fires nothing twice.
    @Test func backwardJumpFiresNothingTwice() async throws {
        let harness = try SchedulerHarness(events: [event("a", "2000-01-10")], start: utc("2026-01-10T07:59:00Z"), leads: ["1h", "0d"])
        try await harness.running {
            #expect(await harness.armed(for: utc("2026-01-10T08:00:00Z")))
            harness.clock.advance(to: utc("2026-01-10T08:00:00Z"))
            #expect(await harness.armed(for: utc("2026-01-10T09:00:00Z")))
            try await harness.settled()
            harness.clock.advance(to: utc("2026-01-10T07:00:00Z"))
            harness.clock.advance(to: utc("2026-01-10T09:00:00Z"))
            #expect(await harness.armed(for: utc("2027-01-10T08:00:00Z")))
            try await harness.settled()
        }
        #expect(harness.channel.reminders.map(\.id) == ["a/2026-01-10/1h/log", "a/2026-01-10/0d/log"])
    }

    /// Started after downtime: a reminder within catch_up goes out marked late; older ones are missed.
    @Test func catchUpAfterDowntime() async throws {
        let harness = try SchedulerHarness(
            events: [event("old", "2000-01-05"), event("recent", "2000-01-10")],
            start: utc("2026-01-10T12:00:00Z"), catchUp: .seconds(86_400), firstStart: utc("2026-01-01T00:00:00Z")
        )
        try await harness.running { try await harness.settled() }
        #expect(harness.channel.reminders.map(\.eventID) == ["recent"])
        #expect(harness.channel.reminders.first?.lateBy == .seconds(3 * 3600))
        #expect(try harness.store.fetchOutbox(status: .missed).map(\.reminder.eventID) == ["old"])
    }

    /// Rows left pending by a crash are delivered at the next start.
    @Test func deliversRowsLeftPendingByACrash() async throws {
        let harness = try SchedulerHarness(events: [event("a", "2000-01-10")], start: utc("2026-01-10T09:00:05Z"), firstStart: utc("2026-01-10T08:00:00Z"))
        // Planned, but the process died before delivering.
        _ = try harness.store.advanceMark(to: utc("2026-01-10T09:00:01Z"), policy: harness.policy, planner: ReminderPlanner())
        #expect(try harness.store.fetchOutbox(status: .pending).count == 1)
        try await harness.running { try await harness.settled() }
        #expect(harness.channel.reminders.map(\.id) == ["a/2026-01-10/0d/log"])
        #expect(try harness.store.fetchOutbox(status: .pending).isEmpty)
    }

    @Test(arguments: [
        (DeliveryError.permanent(reason: "400"), DeliveryStatus.dead),
        (.retryable(reason: "503", retryAfter: nil), .pending),
    ])
    func failedDeliveriesAreRecorded(error: DeliveryError, status: DeliveryStatus) async throws {
        let harness = try SchedulerHarness(events: [event("a", "2000-01-10")], start: utc("2026-01-10T08:59:00Z"))
        harness.channel.fail(with: error)
        try await harness.running {
            harness.clock.advance(to: await harness.clock.nextSleep())
            try await harness.settled()
        }
        let entry = try #require(try harness.store.fetchOutbox().first)
        #expect(entry.status == status)
        #expect(entry.lastError == error.description)
    }

    /// A failed delivery is tried again on the retry schedule (5 s ± 20 %), with the same id.
    @Test func retriesAFailedDeliveryOnSchedule() async throws {
        let harness = try SchedulerHarness(events: [event("a", "2000-01-10")], start: utc("2026-01-10T08:59:00Z"))
        harness.channel.fail(with: .retryable(reason: "HTTP 503", retryAfter: nil))
        try await harness.running {
            harness.clock.advance(to: await harness.clock.nextSleep())
            try await harness.settled()
            let retry = try #require(try harness.store.fetchOutbox().first?.nextAttemptAt)
            #expect(retry >= utc("2026-01-10T09:00:04Z") && retry <= utc("2026-01-10T09:00:06Z"))
            #expect(await harness.armed(for: retry))
            harness.channel.fail(with: nil)
            harness.clock.advance(to: retry)
            #expect(await harness.armed(for: utc("2027-01-10T09:00:00Z")))
            try await harness.settled()
        }
        #expect(harness.channel.reminders.map(\.id) == ["a/2026-01-10/0d/log"])
        let entry = try #require(try harness.store.fetchOutbox().first)
        #expect(entry.status == .delivered)
        #expect(entry.attempts == 2)
    }

    @Test func idlesWhenNothingWillEverFire() async throws {
        var once = event("a", "2020-01-10")
        once.recurrence = .once
        let harness = try SchedulerHarness(events: [once], start: utc("2026-01-01T00:00:00Z"))
        try await harness.running {
            #expect(await harness.clock.nextSleep() == .distantFuture)
        }
    }

    /// A channel whose endpoint hangs holds up neither another channel nor the next reminder.
    @Test func aHangingChannelDelaysNoOther() async throws {
        let hanging = GatedChannel(name: "slow")
        let harness = try SchedulerHarness(
            events: [event("a", "2000-01-10")], start: utc("2026-01-10T07:59:00Z"), leads: ["1h", "0d"], channels: [hanging]
        )
        try await harness.running {
            #expect(await harness.armed(for: utc("2026-01-10T08:00:00Z")))
            harness.clock.advance(to: utc("2026-01-10T08:00:00Z"))
            #expect(await harness.armed(for: utc("2026-01-10T09:00:00Z")))
            try await harness.settled(["log"])
            harness.clock.advance(to: utc("2026-01-10T09:00:00Z"))
            #expect(await harness.armed(for: utc("2027-01-10T08:00:00Z")))
            try await harness.settled(["log"])
            #expect(harness.channel.reminders.map(\.id) == ["a/2026-01-10/1h/log", "a/2026-01-10/0d/log"])
            // The hanging request holds one of the channel's slots, not its queue.
            #expect(await hanging.waitUntilStarted(2))
            hanging.open()
            try await harness.settled()
        }
        #expect(Set(hanging.delivered.map(\.id)) == ["a/2026-01-10/1h/slow", "a/2026-01-10/0d/slow"])
    }

    /// No more deliveries to one channel are in flight at once than its concurrency allows.
    @Test func keepsToTheChannelsConcurrencyLimit() async throws {
        let gated = GatedChannel(name: "gated")
        let events = (0..<20).map { event("e\($0)", "2000-01-10") }
        let harness = try SchedulerHarness(events: events, start: utc("2026-01-10T08:59:00Z"), channels: [gated], concurrency: 3)
        try await harness.running {
            #expect(await harness.armed(for: utc("2026-01-10T09:00:00Z")))
            harness.clock.advance(to: utc("2026-01-10T09:00:00Z"))
            try await harness.settled(["log"])
            #expect(await gated.waitUntilStarted(3))
            #expect(gated.started == 3)
            gated.open()
            try await harness.settled()
        }
        #expect(gated.delivered.count == 20)
        #expect(gated.mostInFlight == 3)
    }

    /// After 410 Gone a channel is sent nothing more (until a reload); other channels carry on.
    @Test func goneDisablesOnlyItsChannel() async throws {
        let gone = RecordingChannel(name: "gone")
        gone.fail(with: .gone)
        let harness = try SchedulerHarness(
            events: [event("a", "2000-01-10"), event("b", "2000-01-11")], start: utc("2026-01-10T08:59:00Z"), channels: [gone], concurrency: 1
        )
        try await harness.running {
            #expect(await harness.armed(for: utc("2026-01-10T09:00:00Z")))
            harness.clock.advance(to: utc("2026-01-10T09:00:00Z"))
            #expect(await harness.armed(for: utc("2026-01-11T09:00:00Z")))
            try await harness.settled(["log"])
            harness.clock.advance(to: utc("2026-01-11T09:00:00Z"))
            #expect(await harness.armed(for: utc("2027-01-10T09:00:00Z")))
            try await harness.settled(["log"])
        }
        #expect(harness.channel.reminders.map(\.eventID) == ["a", "b"])
        let outbox = try harness.store.fetchOutbox().filter { $0.reminder.channel == "gone" }
        #expect(outbox.map(\.status) == [.dead, .pending])
        #expect(outbox.map(\.attempts) == [1, 0])
    }
}
