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
    private var armedWaiters: [(continuation: CheckedContinuation<Date?, Never>, id: UUID)] = []
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
                    case waiting(announce: CheckedContinuation<Date?, Never>?)
                }
                let outcome: Outcome = lock.withLock {
                    if cancelled.remove(id) != nil { return .cancelled }
                    if deadline <= current { return .due }
                    sleepers.append((deadline, continuation, id))
                    if armedWaiters.isEmpty {
                        armed.append(deadline)
                        return .waiting(announce: nil)
                    }
                    return .waiting(announce: armedWaiters.removeFirst().continuation)
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
        await nextSleep(timeout: .seconds(3600)) ?? .distantPast
    }

    /// Waits until something sleeps on the clock, and returns its deadline; `nil` after `timeout`
    /// of real time.
    public func nextSleep(timeout: Duration) async -> Date? {
        await withTaskGroup(of: Date?.self) { group in
            group.addTask { await self.announcedSleep() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            return await group.next() ?? nil
        }
    }

    /// Waits until something sleeps until `deadline`, passing over other sleeps.
    ///
    /// - Returns: `false` when no such sleep came within `timeout` of real time.
    public func sleep(reaching deadline: Date, timeout: Duration = .seconds(10)) async -> Bool {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < timeout {
            guard let next = await nextSleep(timeout: timeout - (ContinuousClock.now - start)) else { return false }
            if next == deadline { return true }
        }
        return false
    }

    private func announcedSleep() async -> Date? {
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Date?, Never>) in
                let deadline: Date?? = lock.withLock {
                    if !armed.isEmpty { return armed.removeFirst() }
                    if Task.isCancelled { return .some(nil) }
                    armedWaiters.append((continuation, id))
                    return nil
                }
                if let deadline { continuation.resume(returning: deadline) }
            }
        } onCancel: {
            let waiter = lock.withLock { () -> CheckedContinuation<Date?, Never>? in
                guard let index = armedWaiters.firstIndex(where: { $0.id == id }) else { return nil }
                return armedWaiters.remove(at: index).continuation
            }
            waiter?.resume(returning: nil)
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
