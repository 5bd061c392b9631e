import AnniversaryConfig
import AnniversaryCore
import AnniversaryDelivery
import AnniversaryStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Fires reminders on time: arms one wall-clock timer for the next due instant, and on each fire
/// advances the high-water mark (a planning lead ahead of now) and wakes the channels whose queues
/// hold something due.
///
/// Each channel sends from its own ``ChannelWorker``, so a slow endpoint never delays the timer or
/// another channel. Between reminders and retries it sleeps; nothing polls. A graceful shutdown
/// (SIGTERM) stops it after the deliveries in flight; ``reload(_:)`` swaps its setup in place.
public actor Scheduler: Service {
    /// What the scheduler works from; replaced as a whole by a reload.
    public struct Setup: Sendable {
        public var policy: SchedulePolicy
        public var planner: ReminderPlanner
        public var channels: [String: ChannelSetup]

        public init(policy: SchedulePolicy, planner: ReminderPlanner, channels: [String: ChannelSetup]) {
            self.policy = policy
            self.planner = planner
            self.channels = channels
        }
    }

    /// One channel and how it is sent to.
    public struct ChannelSetup: Sendable {
        public var channel: any DeliveryChannel
        public var retryPolicy: RetryPolicy
        /// Deliveries in flight at once, at most.
        public var concurrency: Int

        public init(channel: any DeliveryChannel, retryPolicy: RetryPolicy = RetryPolicy(), concurrency: Int = ChannelConfiguration.defaultConcurrency) {
            self.channel = channel
            self.retryPolicy = retryPolicy
            self.concurrency = concurrency
        }
    }

    /// Requests from outside the actor, taken at the loop's next turn.
    private struct Requests {
        var stop = false
        var setup: Setup?
        /// Another process changed the database: worth trying it again at once during an outage.
        var refreshed = false
    }

    private enum Transition {
        case stop
        case reload(Setup)
    }

    let store: CalendarStore
    let clock: any WallClock
    let logger: Logger
    /// Whether the database can be written: shared with the channel workers.
    let availability: StoreAvailability
    private var setup: Setup
    /// In seconds, for date arithmetic.
    private let planningLead: TimeInterval
    private let notifier: SystemdNotifier
    private let requests = Mutex(Requests())
    /// Rung by workers when they are done, and by stop and reload requests.
    private let doorbell = Doorbell()
    private var stateMachine = SchedulerStateMachine()
    private var health = SchedulerHealth()
    /// The last `STATUS=` sent, so an unchanged one is not sent again.
    private var status = ""

    /// - Parameter planningLead: How long before their instant reminders are planned into the
    ///   outbox, where they wait to be sent at the instant itself. The work of planning (the
    ///   calendar, templates, a transaction) is then done when the instant comes, even for
    ///   thousands of reminders at once: 10,000 take about 0.6 s to plan. The price: a calendar
    ///   change made in the last seconds before a reminder may come too late to alter it.
    public init(
        store: CalendarStore, setup: Setup, clock: any WallClock, planningLead: Duration = defaultPlanningLead,
        notifier: SystemdNotifier = SystemdNotifier(), logger: Logger
    ) {
        self.store = store
        self.setup = setup
        self.planningLead = planningLead.timeInterval
        self.clock = clock
        self.notifier = notifier
        self.logger = logger
        availability = StoreAvailability(logger: logger)
    }

    /// Runs until a graceful shutdown or cancellation.
    public func run() async throws {
        do {
            try await withGracefulShutdownHandler {
                try await self.serve()
            } onGracefulShutdown: {
                self.stop()
            }
            logger.info("scheduler stopped")
        } catch is CancellationError {
            logger.info("scheduler stopped at once; undelivered reminders stay pending")
        }
    }

    /// Stops taking new work: deliveries in flight finish, then ``run()`` returns.
    public nonisolated func stop() {
        requests.withLock { $0.stop = true }
        doorbell.ring()
    }

    /// Replaces the setup: deliveries in flight finish under the old one, then the timer is
    /// re-armed under the new one.
    public nonisolated func reload(_ setup: Setup) {
        requests.withLock { $0.setup = setup }
        doorbell.ring()
    }

    /// Looks again at the calendar and the outbox, after someone else changed them.
    public nonisolated func refresh() {
        requests.withLock { $0.refreshed = true }
        doorbell.ring()
    }

    /// Whether the scheduler is doing its job: asleep with a deadline not long past, or awake for
    /// less than `tolerance`. The watchdog pings systemd only while this holds.
    public func isHealthy(now: Date, tolerance: Duration) -> Bool {
        health.isHealthy(now: now, tolerance: tolerance)
    }

    private func serve() async throws {
        while true {
            switch try await serve(setup) {
            case .stop:
                return
            case .reload(let next):
                setup = next
            }
        }
    }

    /// Runs one setup's workers and timer until a stop or a reload.
    private func serve(_ setup: Setup) async throws -> Transition {
        let workers = setup.channels.mapValues { channel in
            ChannelWorker(
                name: channel.channel.name, channel: channel.channel, retryPolicy: channel.retryPolicy, concurrency: channel.concurrency,
                store: store, availability: availability, clock: clock, scheduler: doorbell, logger: logger
            )
        }
        return try await withThrowingTaskGroup(of: Transition?.self) { group in
            for worker in workers.values {
                group.addTask {
                    try await worker.run()
                    return nil
                }
            }
            group.addTask { try await self.fireLoop(setup, workers: workers) }
            while let result = try await group.next() {
                guard let transition = result else { continue }
                for worker in workers.values { await worker.stop() }
                try await group.waitForAll()
                return transition
            }
            return .stop
        }
    }

    /// Plans what is due, wakes the channels with something to send, and sleeps until the next
    /// reminder or retry.
    ///
    /// While the database cannot be written (``StoreAvailability``), it plans nothing and tries
    /// again with backoff, at once when another process commits; the channels meanwhile send
    /// what was planned already.
    private func fireLoop(_ setup: Setup, workers: [String: ChannelWorker]) async throws -> Transition {
        var announced = false
        var abandoned = false
        while true {
            let request = requests.withLock { requests in
                defer { (requests.setup, requests.refreshed) = (nil, false) }
                return requests
            }
            if request.stop { return .stop }
            if let next = request.setup { return .reload(next) }
            try Task.checkCancellation()
            health.awake(at: clock.now)

            var isPartial = false
            if availability.current.map({ clock.now >= $0.retryAt || request.refreshed }) ?? true {
                if !abandoned { abandoned = try abandonDeliveries(exceptTo: Set(setup.channels.keys)) }
                isPartial = try fire(setup) ?? false
            }
            let now = clock.now
            var next = try nextPlanningDate()
            let attempts = try read { () throws(StoreError) in try store.fetchNextAttemptDates() }
            for (channel, date) in attempts ?? [:] {
                guard let worker = workers[channel], worker.isEnabled else { continue }
                if date <= now {
                    worker.wake()
                } else {
                    next = min(next ?? date, date)
                }
            }
            // More reminders are due than one transaction plans: the channels have the first
            // ones already; plan the rest. Each part is progress, for the watchdog.
            if isPartial {
                health.progressed(at: clock.now)
                continue
            }
            let deadline: Date
            switch stateMachine.next(now: now, nextFire: next) {
            case .fire:
                continue
            case .arm(let at):
                logger.debug("timer armed", metadata: ["timer.deadline": "\(at)"])
                deadline = at
            case .idle:
                if !announced { logger.info("no reminder will ever fire; waiting") }
                deadline = .distantFuture
            }
            health.asleep(until: deadline)
            // Counting the pending rows costs a query each turn: only for systemd to show.
            if notifier.isEnabled, case let status = try status(next: next), status != self.status {
                notifier.notify(status: status)
                self.status = status
            }
            if !announced {
                notifier.notify(.ready)
                announced = true
            }
            try await clock.sleep(until: deadline, orUntilRung: doorbell)
        }
    }

    /// Plans what falls due within the planning lead into the outbox, up to ``planningBatch`` events.
    ///
    /// - Returns: Whether more are due; `nil` when the database cannot be written now.
    private func fire(_ setup: Setup) throws(StoreError) -> Bool? {
        let now = clock.now
        let advance = try availability.attempt(writes: true, at: clock.now) { () throws(StoreError) in
            try store.advanceMark(to: now + planningLead, now: now, policy: setup.policy, planner: setup.planner, limit: Self.planningBatch)
        }
        guard let advance else { return nil }
        for missed in advance.missed {
            logger.warning("reminder missed: it was due more than catch_up ago", metadata: [
                "event.id": "\(missed.eventID)", "reminder.due": "\(missed.dueAt)", "delivery.id": "\(missed.id)",
            ])
        }
        return advance.isPartial
    }

    /// Records pending deliveries of channels no longer configured as dead.
    ///
    /// - Returns: Whether that is done; false when the database cannot be written now.
    private func abandonDeliveries(exceptTo channels: Set<String>) throws(StoreError) -> Bool {
        // Not proof that the database can be written: it often finds nothing to write.
        let abandoned = try availability.attempt(writes: false, at: clock.now) { () throws(StoreError) in
            try store.abandonDeliveries(exceptTo: channels, at: clock.now)
        }
        for (channel, count) in abandoned ?? [:] {
            logger.error("pending reminders for a channel that is no longer configured: recorded as dead", metadata: [
                "channel": "\(channel)", "deliveries": "\(count)",
            ])
        }
        return abandoned != nil
    }

    /// When planning is next due: a lead ahead of the first reminder instant (sending is due at
    /// it), or at the next try while the database cannot be written.
    private func nextPlanningDate() throws(StoreError) -> Date? {
        if let outage = availability.current { return outage.retryAt }
        guard let fire = try read({ () throws(StoreError) in try store.fetchNextFireDate() }) else { return availability.current?.retryAt }
        return fire.map { $0 - planningLead }
    }

    /// A read of the database; `nil` when it cannot be read now.
    private func read<T>(_ operation: () throws(StoreError) -> T) throws(StoreError) -> T? {
        try availability.attempt(writes: false, at: clock.now, operation)
    }

    /// Events planned per transaction: a burst's first deliveries start after these, not after all.
    static let planningBatch = 500

    /// How long before their instant reminders are planned by default: see ``init``.
    public static let defaultPlanningLead = Duration.seconds(2)

    private func status(next: Date?) throws(StoreError) -> String {
        let pending = try read { () throws(StoreError) in try store.fetchPendingCount() }.map { "\($0) deliveries pending" } ?? "deliveries pending unknown"
        if let outage = availability.current {
            return "waiting since \(outage.since.formatted(.iso8601)): \(outage.reason); next try \(outage.retryAt.formatted(.iso8601)); \(pending)"
        }
        let when = next.map { "next wake-up \($0.formatted(.iso8601))" } ?? "nothing scheduled"
        return "\(when); \(pending)"
    }
}
