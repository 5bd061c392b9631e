import Dispatch
import Foundation

/// The system's wall clock, waiting on a `DispatchSourceTimer` with a wall-time deadline.
///
/// A process waiting here makes no system calls until the deadline: no polling, no periodic
/// wake-ups (a long `Task.sleep` wakes the process every second on Linux). A wall deadline also
/// follows clock changes: set forward past it, the timer fires at once.
public struct DispatchWallClock: WallClock {
    private let queue = DispatchQueue(label: "anniversaryd.wall-clock")
    /// How much later than the deadline the kernel may fire, to batch wake-ups.
    public var leeway: DispatchTimeInterval

    public init(leeway: DispatchTimeInterval = .milliseconds(1)) {
        self.leeway = leeway
    }

    public var now: Date { Date() }

    public func sleep(until deadline: Date) async throws {
        let wait = TimerWait()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let timer = DispatchSource.makeTimerSource(queue: queue)
                timer.setEventHandler { wait.finish(with: nil) }
                // Active from the start: libdispatch must never release an inactive source. With
                // no schedule yet, it does not fire.
                timer.activate()
                guard wait.start(continuation, timer: timer) else {
                    timer.cancel()
                    return
                }
                if deadline != .distantFuture {
                    timer.schedule(wallDeadline: DispatchWallTime(date: deadline), leeway: leeway)
                }
            }
        } onCancel: {
            wait.finish(with: CancellationError())
        }
    }
}

/// One wait's state, shared by the timer's handler and the cancellation handler: whichever comes
/// first resumes the continuation, exactly once.
// @unchecked: every access to `state` holds `lock`; the timer inside is not marked Sendable but
// Dispatch sources may be cancelled from any thread.
private final class TimerWait: @unchecked Sendable {
    private enum State {
        case idle
        case waiting(CheckedContinuation<Void, any Error>, any DispatchSourceTimer)
        case finished
    }

    private let lock = NSLock()
    private var state = State.idle

    /// Returns false when the wait was cancelled before it started (the continuation is resumed).
    func start(_ continuation: CheckedContinuation<Void, any Error>, timer: any DispatchSourceTimer) -> Bool {
        let cancelled: Bool = lock.withLock {
            if case .finished = state { return true }
            state = .waiting(continuation, timer)
            return false
        }
        if cancelled { continuation.resume(throwing: CancellationError()) }
        return !cancelled
    }

    func finish(with error: (any Error)?) {
        let taken: (CheckedContinuation<Void, any Error>, any DispatchSourceTimer)? = lock.withLock {
            defer { state = .finished }
            if case .waiting(let continuation, let timer) = state { return (continuation, timer) }
            return nil
        }
        guard let (continuation, timer) = taken else { return }
        timer.cancel()
        if let error { continuation.resume(throwing: error) } else { continuation.resume() }
    }
}

extension DispatchWallTime {
    /// The wall time of `date`: an absolute wall-clock deadline, which Dispatch keeps as such.
    init(date: Date) {
        self = .now() + max(0, date.timeIntervalSinceNow)
    }
}
