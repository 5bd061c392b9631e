import Foundation
import Synchronization

/// Wakes one waiting task, and remembers a ring that came while nobody waited.
///
/// Rings do not queue up: any number of them before a `wait()` end that one wait. That suits what
/// it is for, telling a loop "look again", where looking once covers every ring before it.
final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    init() {}

    /// Wakes the waiting task, or the next one to wait.
    func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.rung = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns at the next ring (at once if one came since the last wait) or when the task is
    /// cancelled. Only one task may wait at a time.
    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.rung || Task.isCancelled {
                        state.rung = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}

extension WallClock {
    /// Sleeps until `deadline` or until `doorbell` rings, whichever comes first.
    ///
    /// - Throws: `CancellationError` when the task is cancelled.
    func sleep(until deadline: Date, orUntilRung doorbell: Doorbell) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.sleep(until: deadline) }
            group.addTask { await doorbell.wait() }
            defer { group.cancelAll() }
            try await group.next()
        }
        try Task.checkCancellation()
    }
}
