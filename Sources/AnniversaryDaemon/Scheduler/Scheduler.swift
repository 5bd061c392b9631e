import AnniversaryCore
import AnniversaryDelivery
import AnniversaryStore
import Foundation
import Logging
import ServiceLifecycle

/// Fires reminders on time: arms one wall-clock timer for the next due instant, and on each fire
/// advances the high-water mark, delivers what became due, and re-arms.
///
/// Between reminders it sleeps; nothing polls. It stops on graceful shutdown (SIGTERM, SIGINT).
public actor Scheduler: Service {
    let store: CalendarStore
    let policy: SchedulePolicy
    let planner: ReminderPlanner
    let channels: [String: any DeliveryChannel]
    let retryPolicies: [String: RetryPolicy]
    let clock: any WallClock
    let logger: Logger
    private var stateMachine = SchedulerStateMachine()
    /// Channels whose endpoint answered 410 Gone: nothing more is sent to them until a restart.
    private var disabledChannels: Set<String> = []

    /// - Parameter retryPolicies: By channel name; a channel without one gets ``RetryPolicy``'s defaults.
    public init(
        store: CalendarStore,
        policy: SchedulePolicy,
        planner: ReminderPlanner,
        channels: [String: any DeliveryChannel],
        retryPolicies: [String: RetryPolicy] = [:],
        clock: any WallClock,
        logger: Logger
    ) {
        self.store = store
        self.policy = policy
        self.planner = planner
        self.channels = channels
        self.retryPolicies = retryPolicies
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await self.loop()
            }
        } catch is CancellationError {
            logger.info("scheduler stopped")
        }
    }

    private func loop() async throws {
        while true {
            try Task.checkCancellation()
            try await fire()
            // The next reminder, or the next retry if that comes first.
            let next = [try store.fetchNextFireDate(), try store.fetchNextRetryDate()].compactMap { $0 }.min()
            switch stateMachine.next(now: clock.now, nextFire: next) {
            case .fire:
                continue
            case .arm(let deadline):
                logger.debug("timer armed", metadata: ["timer.deadline": "\(deadline)"])
                try await clock.sleep(until: deadline)
            case .idle:
                logger.info("no reminder will ever fire; waiting")
                try await clock.sleep(until: .distantFuture)
            }
        }
    }

    /// Plans what is due up to now, then delivers everything pending.
    func fire() async throws {
        let advance = try store.advanceMark(to: clock.now, policy: policy, planner: planner)
        for missed in advance.missed {
            logger.warning("reminder missed: it was due more than catch_up ago", metadata: [
                "event.id": "\(missed.eventID)", "reminder.due": "\(missed.dueAt)", "delivery.id": "\(missed.id)",
            ])
        }
        try await deliverPending()
    }

    /// Sends every delivery that is due, each channel on its own, so that a slow endpoint holds
    /// up only its own reminders.
    func deliverPending() async throws {
        let due = Dictionary(grouping: try store.fetchDueDeliveries(at: clock.now), by: \.reminder.channel)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (channel, entries) in due {
                group.addTask { try await self.deliver(entries, on: channel) }
            }
            try await group.waitForAll()
        }
    }

    /// Sends one channel's due deliveries in order, and records each outcome.
    private func deliver(_ entries: [OutboxEntry], on name: String) async throws {
        guard let channel = channels[name] else {
            for entry in entries {
                logger.error("reminder for a channel that is no longer configured", metadata: ["delivery.id": "\(entry.reminder.id)", "channel": "\(name)"])
                try store.recordAttempt(id: entry.reminder.id, status: .dead, error: "channel \"\(name)\" is not configured", at: clock.now)
            }
            return
        }
        for entry in entries where !disabledChannels.contains(name) {
            let reminder = entry.reminder
            var failure: DeliveryError?
            do {
                try await channel.deliver(reminder)
            } catch {
                failure = error
            }
            if let failure {
                try recordFailure(failure, of: entry, on: name)
            } else {
                try store.recordAttempt(id: reminder.id, status: .delivered, at: clock.now)
            }
        }
    }

    private func recordFailure(_ error: DeliveryError, of entry: OutboxEntry, on channel: String) throws {
        let reminder = entry.reminder
        let now = clock.now
        let policy = retryPolicies[channel] ?? RetryPolicy()
        var metadata: Logger.Metadata = [
            "delivery.id": "\(reminder.id)", "channel": "\(channel)", "delivery.attempt": "\(entry.attempts + 1)", "error": "\(error)",
        ]
        if case .permanent(let reason) = error, reason == "HTTP 410" {
            disabledChannels.insert(channel)
            logger.critical("the endpoint answered 410 Gone: channel disabled until anniversaryd restarts", metadata: metadata)
        }
        switch policy.decide(after: error, attempt: entry.attempts + 1, dueAt: reminder.dueAt, now: now, random: Double.random(in: 0..<1)) {
        case .retry(let at):
            metadata["delivery.retry_at"] = "\(at)"
            logger.warning("delivery failed; will retry", metadata: metadata)
            try store.recordAttempt(id: reminder.id, status: .pending, error: error.description, nextAttemptAt: at, at: now)
        case .giveUp(let reason):
            logger.error("delivery failed for good", metadata: metadata)
            try store.recordAttempt(id: reminder.id, status: .dead, error: reason, at: now)
        }
    }
}
