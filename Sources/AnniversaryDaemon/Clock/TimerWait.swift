#if canImport(Glibc)
import CAnniversary
import Foundation
import Glibc

/// One wait on a Linux `timerfd`, blocking a thread of its own, with an `eventfd` to interrupt it.
///
/// Why not Dispatch timers or `Task.sleep`: once Swift concurrency has used libdispatch's global
/// queues, a pending Dispatch timer keeps libdispatch's manager thread awake and its worker-pool
/// monitor wakes the process every second. A thread blocked in `poll(2)` makes no system call
/// until its deadline.
// @unchecked: both descriptors are set in `init` and never change; writing to an eventfd from any
// thread is safe.
final class TimerWait: @unchecked Sendable {
    private let timer: Int32
    private let interruption: Int32

    /// - Parameter clock: `CLOCK_REALTIME` for wall-clock deadlines, `CLOCK_MONOTONIC` for intervals.
    init(clock: clockid_t) throws {
        timer = timerfd_create(clock, Int32(TFD_CLOEXEC))
        interruption = eventfd(0, Int32(EFD_CLOEXEC))
        guard timer >= 0, interruption >= 0 else {
            let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            if timer >= 0 { close(timer) }
            if interruption >= 0 { close(interruption) }
            throw error
        }
    }

    deinit {
        close(timer)
        close(interruption)
    }

    /// Runs `body` on a new thread and waits for it; cancelling the task interrupts the wait.
    static func run(clock: clockid_t, _ body: @escaping @Sendable (TimerWait) -> Result<Void, any Error>) async throws {
        let wait = try TimerWait(clock: clock)
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let thread = Thread {
                    continuation.resume(with: body(wait))
                }
                thread.name = "anniversaryd-timer"
                thread.stackSize = 256 * 1024
                thread.start()
            }
        } onCancel: {
            wait.interrupt()
        }
    }

    /// Wakes the blocked thread with `CancellationError`, before or during the wait.
    func interrupt() {
        var one: UInt64 = 1
        _ = write(interruption, &one, MemoryLayout<UInt64>.size)
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
        let seconds = max(1e-9, Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
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
        var descriptors = [pollfd(fd: timer, events: Int16(POLLIN), revents: 0), pollfd(fd: interruption, events: Int16(POLLIN), revents: 0)]
        guard Glibc.poll(&descriptors, 2, -1) >= 0 else {
            return errno == EINTR ? .success(false) : .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
        }
        if descriptors[1].revents != 0 { return .failure(CancellationError()) }
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
