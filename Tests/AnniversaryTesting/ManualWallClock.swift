import AnniversaryDaemon
import Foundation

/// A wall clock that moves only when a test says so, so scheduling is tested without sleeping.
///
/// ```swift
/// let clock = ManualWallClock(now: start)
/// let deadline = await clock.nextSleep()   // the scheduler armed its timer
/// clock.advance(to: deadline)              // and now it fires
/// ```
public final class ManualWallClock: WallClock, @unchecked Sendable {
    // @unchecked: all state is guarded by `lock`.
    private let lock = NSLock()
    private var current: Date
    private var sleepers: [(deadline: Date, continuation: CheckedContinuation<Void, any Error>, id: UUID)] = []
    private var armed: [Date] = []
    private var armedWaiters: [CheckedContinuation<Date, Never>] = []
    private var cancelled: Set<UUID> = []

    public init(now: Date) {
        current = now
    }

    public var now: Date { lock.withLock { current } }

    public func sleep(until deadline: Date) async throws {
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Outcome {
                    case due, cancelled
                    case waiting(announce: CheckedContinuation<Date, Never>?)
                }
                let outcome: Outcome = lock.withLock {
                    if cancelled.remove(id) != nil { return .cancelled }
                    if deadline <= current { return .due }
                    sleepers.append((deadline, continuation, id))
                    if armedWaiters.isEmpty {
                        armed.append(deadline)
                        return .waiting(announce: nil)
                    }
                    return .waiting(announce: armedWaiters.removeFirst())
                }
                switch outcome {
                case .due: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .waiting(let announce): announce?.resume(returning: deadline)
                }
            }
        } onCancel: {
            let continuation = lock.withLock { () -> CheckedContinuation<Void, any Error>? in
                guard let index = sleepers.firstIndex(where: { $0.id == id }) else {
                    cancelled.insert(id)
                    return nil
                }
                return sleepers.remove(at: index).continuation
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Waits until something sleeps on the clock, and returns its deadline.
    public func nextSleep() async -> Date {
        await withCheckedContinuation { continuation in
            let deadline: Date? = lock.withLock {
                if !armed.isEmpty { return armed.removeFirst() }
                armedWaiters.append(continuation)
                return nil
            }
            if let deadline { continuation.resume(returning: deadline) }
        }
    }

    /// Moves the clock (forward or back) and wakes sleepers whose deadline has come.
    public func advance(to date: Date) {
        let woken = lock.withLock { () -> [CheckedContinuation<Void, any Error>] in
            current = date
            let due = sleepers.filter { $0.deadline <= date }
            sleepers.removeAll { $0.deadline <= date }
            return due.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }
}
