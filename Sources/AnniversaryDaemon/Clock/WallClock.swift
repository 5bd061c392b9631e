import Foundation

/// Wall-clock time and waiting for it: what the scheduler needs from a clock.
///
/// Reminders are due at wall-clock instants, so waits are against the wall clock: when the clock
/// is set forward past a deadline, the wait ends at once. Tests use a manual clock instead.
public protocol WallClock: Sendable {
    /// The current wall-clock time.
    var now: Date { get }

    /// Suspends until the wall clock reaches `deadline`.
    ///
    /// - Throws: `CancellationError` when the task is cancelled first.
    func sleep(until deadline: Date) async throws
}
