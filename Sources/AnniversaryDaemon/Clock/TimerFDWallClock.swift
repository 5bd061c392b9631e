#if canImport(Glibc)
import CAnniversary
import Foundation
import Glibc

/// The system's wall clock, waiting on a Linux `timerfd` armed with an absolute `CLOCK_REALTIME`
/// deadline, on a thread of its own.
///
/// Why not a `DispatchSourceTimer`: once Swift concurrency has used libdispatch's global queues,
/// any pending Dispatch timer keeps libdispatch's manager thread awake, and its worker-pool
/// monitor then wakes the process every second. A thread blocked in `poll(2)` on a timerfd makes
/// no system call until the deadline. With `TFD_TIMER_CANCEL_ON_SET` the kernel also reports
/// when the wall clock is set, so a clock set forward past the deadline fires at once and one set
/// back keeps the wait going until the wall clock really reaches the deadline.
public struct TimerFDWallClock: WallClock {
    public init() {}

    public var now: Date { Date() }

    public func sleep(until deadline: Date) async throws {
        let wait = try TimerWait()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let thread = Thread {
                    continuation.resume(with: wait.block(until: deadline))
                }
                thread.name = "anniversaryd-timer"
                thread.stackSize = 256 * 1024
                thread.start()
            }
        } onCancel: {
            wait.interrupt()
        }
    }
}

/// One wait: a timerfd for the deadline and an eventfd to interrupt it.
// @unchecked: both descriptors are set in `init` and never change; writing to an eventfd from any
// thread is safe.
private final class TimerWait: @unchecked Sendable {
    private let timer: Int32
    private let interruption: Int32

    init() throws {
        timer = timerfd_create(CLOCK_REALTIME, Int32(TFD_CLOEXEC))
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

    /// Wakes `block` with `CancellationError`, before or during the wait.
    func interrupt() {
        var one: UInt64 = 1
        _ = write(interruption, &one, MemoryLayout<UInt64>.size)
    }

    /// Blocks the calling thread until the wall clock reaches `deadline` or `interrupt()` is called.
    func block(until deadline: Date) -> Result<Void, any Error> {
        while true {
            guard Date() < deadline else { return .success(()) }
            if let error = arm(deadline) { return .failure(error) }
            var descriptors = [pollfd(fd: timer, events: Int16(POLLIN), revents: 0), pollfd(fd: interruption, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
            }
            if descriptors[1].revents != 0 { return .failure(CancellationError()) }
            var expirations: UInt64 = 0
            // ECANCELED: the wall clock was set. Either way the loop compares with the deadline again.
            _ = read(timer, &expirations, MemoryLayout<UInt64>.size)
        }
    }

    private func arm(_ deadline: Date) -> (any Error)? {
        let seconds = deadline.timeIntervalSince1970.rounded(.down)
        var value = itimerspec(
            it_interval: timespec(tv_sec: 0, tv_nsec: 0),
            it_value: timespec(tv_sec: Int(seconds), tv_nsec: Int((deadline.timeIntervalSince1970 - seconds) * 1e9))
        )
        let flags = Int32(TFD_TIMER_ABSTIME) | CAnniversary_TFD_TIMER_CANCEL_ON_SET
        guard timerfd_settime(timer, flags, &value, nil) == 0 else {
            return POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        return nil
    }
}
#endif
