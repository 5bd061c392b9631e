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
    let clock: any WallClock
    let logger: Logger
    private var stateMachine = SchedulerStateMachine()

    public init(
        store: CalendarStore,
        policy: SchedulePolicy,
        planner: ReminderPlanner,
        channels: [String: any DeliveryChannel],
        clock: any WallClock,
        logger: Logger
    ) {
        self.store = store
        self.policy = policy
        self.planner = planner
        self.channels = channels
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
            let next = try store.fetchNextFireDate()
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

    func deliverPending() async throws {
        for entry in try store.fetchOutbox(status: .pending) {
            let reminder = entry.reminder
            guard let channel = channels[reminder.channel] else {
                logger.error("reminder for a channel that is no longer configured", metadata: [
                    "delivery.id": "\(reminder.id)", "channel": "\(reminder.channel)",
                ])
                try store.recordAttempt(id: reminder.id, status: .dead, error: "channel \"\(reminder.channel)\" is not configured", at: clock.now)
                continue
            }
            let status: DeliveryStatus
            var failure: String?
            do {
                try await channel.deliver(reminder)
                status = .delivered
            } catch {
                status = if case .permanent = error { .dead } else { .pending }
                failure = error.description
                logger.error("delivery failed", metadata: [
                    "delivery.id": "\(reminder.id)", "channel": "\(reminder.channel)", "error": "\(error)",
                ])
            }
            try store.recordAttempt(id: reminder.id, status: status, error: failure, at: clock.now)
        }
    }
}
