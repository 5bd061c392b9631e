#if canImport(Glibc)
import CAnniversary
import Foundation
import Glibc
import Synchronization

/// The system's wall clock, waiting on a Linux `timerfd` armed with an absolute `CLOCK_REALTIME`
/// deadline, on a thread of its own.
///
/// Why not a `DispatchSourceTimer`: see ``TimerWait``. The kernel also reports when the wall clock
/// is set, so a clock set forward past the deadline (or a machine resumed from suspend after it)
/// fires at once, and one set back keeps the wait going until the wall clock really gets there.
public struct TimerFDWallClock: WallClock {
    public init() {}

    public var now: Date { Date() }

    public func sleep(until deadline: Date) async throws {
        guard deadline != .distantFuture else {
            // No thread for a wait that only cancellation ends.
            return try await Self.waitForCancellation()
        }
        try await TimerWait.run(clock: CLOCK_REALTIME) { $0.block(until: deadline) }
    }

    /// Suspends for `duration` of `CLOCK_MONOTONIC`, which wall-clock changes do not move.
    public static func sleep(for duration: Duration) async throws {
        try await TimerWait.run(clock: CLOCK_MONOTONIC) { $0.block(for: duration) }
    }

    private static func waitForCancellation() async throws {
        let waiter = Mutex<CheckedContinuation<Void, any Error>?>(nil)
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let cancelled = waiter.withLock { stored in
                    if Task.isCancelled { return true }
                    stored = continuation
                    return false
                }
                if cancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            waiter.withLock { stored in
                defer { stored = nil }
                return stored
            }?.resume(throwing: CancellationError())
        }
    }
}

#endif
