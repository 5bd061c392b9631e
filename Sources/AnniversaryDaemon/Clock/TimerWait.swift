#if canImport(Glibc)
import AnniversaryCore
import CAnniversary
import Foundation
import Glibc

/// One wait on a Linux `timerfd`, blocking a thread of its own (see ``InterruptibleWait``).
///
/// Why not Dispatch timers or `Task.sleep`: once Swift concurrency has used libdispatch's global
/// queues, a pending Dispatch timer keeps libdispatch's manager thread awake and its worker-pool
/// monitor wakes the process every second. A thread blocked in `poll(2)` makes no system call
/// until its deadline.
struct TimerWait: Sendable {
    private let wait: InterruptibleWait
    private var timer: Int32 { wait.descriptor }

    /// - Parameter clock: `CLOCK_REALTIME` for wall-clock deadlines, `CLOCK_MONOTONIC` for intervals.
    init(clock: clockid_t) throws {
        wait = try InterruptibleWait { timerfd_create(clock, Int32(TFD_CLOEXEC)) }
    }

    /// Runs `body` on a new thread and waits for it; cancelling the task interrupts the wait.
    static func run(clock: clockid_t, _ body: @escaping @Sendable (TimerWait) -> Result<Void, any Error>) async throws {
        let timer = try TimerWait(clock: clock)
        try await timer.wait.run(threadName: "anniversaryd-timer") { body(timer) }
    }

    /// Blocks until the wall clock reaches `deadline` or `interrupt()` is called.
    ///
    /// Armed with `TFD_TIMER_CANCEL_ON_SET`, so the kernel also reports when the wall clock is
    /// set: set forward past the deadline, the wait ends at once; set back, it goes on until the
    /// wall clock really reaches the deadline.
    func block(until deadline: Date) -> Result<Void, any Error> {
        while true {
            guard Date() < deadline else { return .success(()) }
            let flags = Int32(TFD_TIMER_ABSTIME) | CAnniversary_TFD_TIMER_CANCEL_ON_SET
            if let error = arm(seconds: deadline.timeIntervalSince1970, flags: flags) { return .failure(error) }
            // Expired or not (the clock was set), the loop compares with the deadline again.
            if case .failure(let error) = poll() { return .failure(error) }
        }
    }

    /// Blocks for `duration` on this wait's clock, or until `interrupt()` is called.
    func block(for duration: Duration) -> Result<Void, any Error> {
        let seconds = max(1e-9, duration.timeInterval)
        if let error = arm(seconds: seconds, flags: 0) { return .failure(error) }
        while true {
            switch poll() {
            case .failure(let error): return .failure(error)
            case .success(let expired): if expired { return .success(()) }
            }
        }
    }

    /// Waits for the timer or the interruption; `true` when the timer expired, `false` when the
    /// wall clock was set (or the wait was woken for nothing).
    private func poll() -> Result<Bool, any Error> {
        if case .failure(let error) = wait.waitUntilReadable() { return .failure(error) }
        var expirations: UInt64 = 0
        // Fails with ECANCELED when the wall clock was set.
        return .success(read(timer, &expirations, MemoryLayout<UInt64>.size) == MemoryLayout<UInt64>.size)
    }

    private func arm(seconds: Double, flags: Int32) -> (any Error)? {
        let whole = seconds.rounded(.down)
        var value = itimerspec(
            it_interval: timespec(tv_sec: 0, tv_nsec: 0),
            it_value: timespec(tv_sec: Int(whole), tv_nsec: Int((seconds - whole) * 1e9))
        )
        guard timerfd_settime(timer, flags, &value, nil) == 0 else {
            return POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        return nil
    }
}
#endif
