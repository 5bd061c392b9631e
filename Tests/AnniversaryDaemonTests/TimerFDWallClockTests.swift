import AnniversaryDaemon
import Foundation
import Testing

/// The real clock, over fractions of a second.
struct TimerFDWallClockTests {
    @Test func returnsNoEarlierThanTheDeadline() async throws {
        let clock = TimerFDWallClock()
        let deadline = clock.now.addingTimeInterval(0.2)
        try await clock.sleep(until: deadline)
        #expect(clock.now >= deadline)
    }

    /// Far deadlines (a reminder in 3000, or none ever) are waited for, not refused by the kernel.
    @Test(arguments: [Date.distantFuture, Date(timeIntervalSince1970: 32_503_680_000)])
    func farDeadlinesWaitUntilCancelled(deadline: Date) async throws {
        let clock = TimerFDWallClock()
        let task = Task { try await clock.sleep(until: deadline) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func aPastDeadlineReturnsAtOnce() async throws {
        let clock = TimerFDWallClock()
        try await clock.sleep(until: clock.now.addingTimeInterval(-60))
    }
}
