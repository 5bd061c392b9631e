import AnniversaryStore
import Foundation
import Logging
import Synchronization

/// Whether the database can be written now, shared by the scheduler and the channel workers, so
/// that an outage is logged once when it starts (at warning) and once when it ends (at notice),
/// whoever meets it.
///
/// Only a write ends an outage: while another process holds the write lock, reads still succeed.
public final class StoreAvailability: Sendable {
    private let outage = Mutex<StoreOutage?>(nil)
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    /// The outage under way, if any.
    public var current: StoreOutage? {
        outage.withLock { $0 }
    }

    /// Runs a database operation at `now`. A transient failure (``StoreError/isTransient``) is
    /// recorded and answered with `nil`; any other is thrown.
    ///
    /// - Parameter writes: Whether the operation writes, so that its success ends an outage.
    public func attempt<T>(writes: Bool, at now: @autoclosure () -> Date, _ operation: () throws(StoreError) -> T) throws(StoreError) -> T? {
        do {
            let value = try operation()
            if writes { succeeded(at: now()) }
            return value
        } catch where error.isTransient {
            failed(error, at: now())
            return nil
        }
    }

    /// Runs `operation` until it succeeds or fails for good, waiting on `clock` between tries.
    ///
    /// - Throws: A failure that cannot pass, or `CancellationError`.
    @discardableResult
    public func waitOut<T>(clock: any WallClock, _ operation: () throws(StoreError) -> T) async throws -> T {
        while true {
            if let value = try attempt(writes: true, at: clock.now, operation) { return value }
            try await clock.sleep(until: current?.retryAt ?? clock.now)
        }
    }

    func failed(_ error: StoreError, at now: Date) {
        let started = outage.withLock { outage -> StoreOutage? in
            guard outage != nil else {
                outage = StoreOutage(error, at: now)
                return outage
            }
            outage?.failedAgain(error, at: now)
            return nil
        }
        if let started {
            logger.warning("\(started.reason): waiting for it; reminders due meanwhile go out when it can be written", metadata: [
                "store.error": "\(error)", "store.unavailable_since": "\(started.since.formatted(.iso8601))",
            ])
        }
    }

    func succeeded(at now: Date) {
        guard let ended = outage.withLock({ outage in defer { outage = nil }; return outage }) else { return }
        let seconds = (now.timeIntervalSince(ended.since) * 10).rounded() / 10
        logger.notice("the database can be written again", metadata: [
            "store.unavailable_since": "\(ended.since.formatted(.iso8601))", "store.unavailable_seconds": "\(seconds)",
            "store.tries": "\(ended.failures)",
        ])
    }
}
