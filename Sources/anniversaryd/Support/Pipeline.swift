import Foundation

/// Computes numbered steps on threads of their own, at most one step per thread ahead of the
/// consumer, who takes the results in order: reading, computing and formatting the next parts of
/// a listing overlaps with writing this one, on every core asked for.
final class Pipeline<Value: Sendable, Failure: Error>: @unchecked Sendable {
    // @unchecked: `results` and `consumed` are guarded by `condition`.
    private let condition = NSCondition()
    private var results: [Int: Result<Value, Failure>] = [:]
    private var consumed = 0

    /// - Parameters:
    ///   - threads: Thread `t` computes steps `t`, `t + threads`, `t + 2 × threads`, …
    ///   - isLast: Whether a step's value is the last one (the rest of `count` is not computed).
    ///   - makeStep: Called once on each thread; the step it returns may keep state of its own
    ///     (caches, a reader's place) from one step to the next.
    init(
        count: Int, threads: Int, isLast: @escaping @Sendable (Value) -> Bool = { _ in false },
        makeStep: @escaping @Sendable () -> (Int) throws(Failure) -> Value
    ) {
        for first in 0..<min(threads, count) {
            let thread = Thread { [self] in
                let step = makeStep()
                for index in stride(from: first, to: count, by: threads) {
                    condition.withLock {
                        while index >= consumed + threads { condition.wait() }
                    }
                    let result = Result { () throws(Failure) in try step(index) }
                    condition.withLock {
                        results[index] = result
                        condition.broadcast()
                    }
                    guard case .success(let value) = result, !isLast(value) else { return }
                }
            }
            thread.start()
        }
    }

    /// The result of step `index`; call with 0, 1, 2, … in order.
    func result(_ index: Int) throws(Failure) -> Value {
        let result = condition.withLock {
            while results[index] == nil { condition.wait() }
            consumed = index + 1
            condition.broadcast()
            return results.removeValue(forKey: index)!
        }
        return try result.get()
    }
}
