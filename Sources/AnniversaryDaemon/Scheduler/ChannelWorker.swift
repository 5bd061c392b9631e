import AnniversaryCore
import AnniversaryDelivery
import AnniversaryStore
import Foundation
import Logging
import Synchronization

/// Sends one channel's queue from the outbox, with at most `concurrency` deliveries in flight, in
/// a loop of its own: a slow or dead endpoint holds up only its own channel.
///
/// The scheduler wakes it when its queue has rows due (new reminders, or retries whose time has
/// come), and it tells the scheduler when it is done, so there is one timer for the whole daemon.
/// The queue is read a page at a time in outbox order, never loaded whole, and outcomes are
/// written in batches: a burst of thousands of reminders costs a few transactions, not one each.
actor ChannelWorker {
    let name: String
    private let channel: any DeliveryChannel
    private let retryPolicy: RetryPolicy
    private let concurrency: Int
    private let store: CalendarStore
    private let availability: StoreAvailability
    private let clock: any WallClock
    private let logger: Logger
    private let doorbell = Doorbell()
    /// Rung after each pass over the queue, so the scheduler re-arms for what is left.
    private let scheduler: Doorbell
    /// Set when the endpoint answered 410 Gone: nothing more is sent until a reload.
    private let disabled = Atomic(false)
    /// Set on graceful shutdown: deliveries in flight finish, no new one starts.
    private var stopping = false

    static let pageSize = 256
    static let batchSize = 64

    init(
        name: String,
        channel: any DeliveryChannel,
        retryPolicy: RetryPolicy,
        concurrency: Int,
        store: CalendarStore,
        availability: StoreAvailability,
        clock: any WallClock,
        scheduler: Doorbell,
        logger: Logger
    ) {
        self.name = name
        self.channel = channel
        self.retryPolicy = retryPolicy
        self.concurrency = max(1, concurrency)
        self.store = store
        self.availability = availability
        self.clock = clock
        self.scheduler = scheduler
        var logger = logger
        logger[metadataKey: "channel"] = "\(name)"
        self.logger = logger
    }

    /// Tells the worker its queue may hold something due: new reminders, or rows retried by hand.
    nonisolated func wake() {
        doorbell.ring()
    }

    /// Whether the channel still takes deliveries: not after its endpoint answered 410 Gone.
    nonisolated var isEnabled: Bool {
        !disabled.load(ordering: .relaxed)
    }

    /// Lets deliveries in flight finish, starts no new one, and ends ``run()``.
    func stop() {
        stopping = true
        doorbell.ring()
    }

    /// Sends what is due each time it is woken; until stopped or cancelled.
    func run() async throws {
        while !stopping, !Task.isCancelled {
            await doorbell.wait()
            guard !stopping else { return }
            // A pass that did nothing (the queue could not be read) leaves the timer as it is.
            if try await drain() { scheduler.ring() }
        }
    }

    /// Sends every row due now, `concurrency` at a time, and records the outcomes. A wake-up
    /// while deliveries are in flight (new reminders came due) is heard at once: a hanging
    /// request holds one slot, not the queue.
    ///
    /// While the database cannot be written, deliveries go on and their outcomes wait, in this
    /// pass, until they can be written: a row sent is never sent again for want of its outcome.
    ///
    /// - Returns: Whether anything was sent.
    private func drain() async throws -> Bool {
        var cursor: QueueCursor?
        var page: [OutboxEntry] = []
        var exhausted = false
        // In flight, or done and not yet recorded: a fresh look at the queue must pass them over.
        var handled = Set<String>()
        var outcomes: [DeliveryAttempt] = []
        var sent = false
        try await withThrowingTaskGroup(of: Event.self) { group in
            var inFlight = 0
            // Batches of outcomes being written.
            var writing = 0
            var listening = false
            while true {
                while inFlight < concurrency, !stopping, isEnabled, !Task.isCancelled {
                    if page.isEmpty, !exhausted {
                        // Unreadable now: the scheduler wakes this worker again at its next try.
                        guard let fetched = try availability.attempt(writes: false, at: clock.now, { () throws(StoreError) in
                            try store.fetchDueDeliveries(channel: name, at: clock.now, after: cursor, limit: Self.pageSize)
                        }) else {
                            exhausted = true
                            break
                        }
                        exhausted = fetched.count < Self.pageSize
                        cursor = fetched.last?.cursor ?? cursor
                        page = fetched.reversed().filter { !handled.contains($0.reminder.id) }
                    }
                    guard let entry = page.popLast() else { break }
                    handled.insert(entry.reminder.id)
                    sent = true
                    group.addTask { [channel] in
                        do {
                            try await channel.deliver(entry.reminder)
                            return .finished(entry, .delivered)
                        } catch let error as DeliveryError {
                            return .finished(entry, Task.isCancelled ? .interrupted : .failed(error))
                        }
                    }
                    inFlight += 1
                }
                guard inFlight + writing > 0 else { break }
                if !listening {
                    group.addTask { [doorbell] in
                        await doorbell.wait()
                        return .woken
                    }
                    listening = true
                }
                guard let event = try await group.next() else { break }
                switch event {
                case .woken:
                    listening = false
                    // Look again from the start of the queue: new rows sort before the cursor.
                    (cursor, page, exhausted) = (nil, [], false)
                case .finished(let entry, let outcome):
                    inFlight -= 1
                    if let attempt = record(outcome, of: entry) {
                        outcomes.append(attempt)
                    } else {
                        handled.remove(entry.reminder.id)
                    }
                    if outcomes.count >= Self.batchSize || (page.isEmpty && (exhausted || stopping || !isEnabled)) {
                        // Written beside the deliveries, which go on meanwhile.
                        group.addTask { [outcomes] in
                            try await self.write(outcomes)
                            return .recorded(outcomes)
                        }
                        writing += 1
                        outcomes.removeAll(keepingCapacity: true)
                    }
                case .recorded(let attempts):
                    writing -= 1
                    handled.subtract(attempts.map(\.id))
                }
            }
            // Only the listener is left.
            group.cancelAll()
        }
        try await write(outcomes)
        return sent
    }

    /// Writes outcomes, trying again while the database cannot be written.
    ///
    /// - Throws: A failure that cannot pass, or `CancellationError` (a forced stop: the rows stay
    ///   pending and are sent again, under the same ids, at the next start).
    private nonisolated func write(_ outcomes: [DeliveryAttempt]) async throws {
        guard !outcomes.isEmpty else { return }
        try await availability.waitOut(clock: clock) { () throws(StoreError) in try store.recordAttempts(outcomes, at: clock.now) }
    }

    private enum Event: Sendable {
        case finished(OutboxEntry, Outcome)
        /// These outcomes are written.
        case recorded([DeliveryAttempt])
        /// The doorbell rang during the pass.
        case woken
    }

    private enum Outcome: Sendable {
        case delivered
        case failed(DeliveryError)
        /// Cut short by a forced stop.
        case interrupted
    }

    /// What to record for one attempt; `nil` when it was cut short by a forced stop: the row
    /// stays pending, to be sent at the next start without counting as an attempt.
    private func record(_ outcome: Outcome, of entry: OutboxEntry) -> DeliveryAttempt? {
        let reminder = entry.reminder
        let error: DeliveryError
        switch outcome {
        case .delivered:
            logger.debug("delivered", metadata: ["delivery.id": "\(reminder.id)"])
            return DeliveryAttempt(id: reminder.id, status: .delivered)
        case .interrupted:
            return nil
        case .failed(let failure):
            error = failure
        }
        let now = clock.now
        var metadata: Logger.Metadata = [
            "delivery.id": "\(reminder.id)", "delivery.attempt": "\(entry.attempts + 1)", "error": "\(error)",
        ]
        if error == .gone {
            disabled.store(true, ordering: .relaxed)
            logger.critical("the endpoint answered 410 Gone: channel disabled until the next reload", metadata: metadata)
        }
        switch retryPolicy.decide(after: error, attempt: entry.attempts + 1, dueAt: reminder.dueAt, now: now, random: Double.random(in: 0..<1)) {
        case .retry(let at):
            metadata["delivery.retry_at"] = "\(at)"
            logger.warning("delivery failed; will retry", metadata: metadata)
            return DeliveryAttempt(id: reminder.id, status: .pending, error: error.description, nextAttemptAt: at)
        case .giveUp(let reason):
            logger.error("delivery failed for good", metadata: metadata)
            return DeliveryAttempt(id: reminder.id, status: .dead, error: reason)
        }
    }
}
