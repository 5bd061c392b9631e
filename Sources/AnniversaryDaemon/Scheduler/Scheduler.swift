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
    }

    private enum Transition {
        case stop
        case reload(Setup)
    }

    let store: CalendarStore
    let clock: any WallClock
    let logger: Logger
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
        for (channel, count) in try store.abandonDeliveries(exceptTo: Set(setup.channels.keys), at: clock.now) {
            logger.error("pending reminders for a channel that is no longer configured: recorded as dead", metadata: [
                "channel": "\(channel)", "deliveries": "\(count)",
            ])
        }
        let workers = setup.channels.mapValues { channel in
            ChannelWorker(
                name: channel.channel.name, channel: channel.channel, retryPolicy: channel.retryPolicy, concurrency: channel.concurrency,
                store: store, clock: clock, scheduler: doorbell, logger: logger
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
    private func fireLoop(_ setup: Setup, workers: [String: ChannelWorker]) async throws -> Transition {
        var announced = false
        while true {
            let request = requests.withLock { requests in
                defer { requests.setup = nil }
                return (stop: requests.stop, setup: requests.setup)
            }
            if request.stop { return .stop }
            if let next = request.setup { return .reload(next) }
            try Task.checkCancellation()
            health.awake(at: clock.now)

            let isPartial = try fire(setup)
            let now = clock.now
            // Planning is due a lead ahead of the first instant; sending is due at it.
            var next = try store.fetchNextFireDate().map { $0 - planningLead }
            for (channel, date) in try store.fetchNextAttemptDates() {
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
    /// - Returns: Whether more are due.
    private func fire(_ setup: Setup) throws -> Bool {
        let now = clock.now
        let advance = try store.advanceMark(
            to: now + planningLead, now: now, policy: setup.policy, planner: setup.planner, limit: Self.planningBatch
        )
        for missed in advance.missed {
            logger.warning("reminder missed: it was due more than catch_up ago", metadata: [
                "event.id": "\(missed.eventID)", "reminder.due": "\(missed.dueAt)", "delivery.id": "\(missed.id)",
            ])
        }
        return advance.isPartial
    }

    /// Events planned per transaction: a burst's first deliveries start after these, not after all.
    static let planningBatch = 500

    /// How long before their instant reminders are planned by default: see ``init``.
    public static let defaultPlanningLead = Duration.seconds(2)

    private func status(next: Date?) throws -> String {
        let pending = try store.fetchPendingCount()
        let when = next.map { "next wake-up \($0.formatted(.iso8601))" } ?? "nothing scheduled"
        return "\(when); \(pending) deliveries pending"
    }
}
