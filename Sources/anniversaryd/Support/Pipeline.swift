import Foundation

/// Computes numbered steps on threads of their own, at most one step per thread ahead of the
/// consumer, who takes the results in order: reading, computing and formatting the next parts of
/// a listing overlaps with writing this one, on every core asked for.
///
/// When the pipeline goes away its threads have stopped and let go of their steps, so whatever the
/// steps hold (a database connection) is released on the consumer's thread, before it goes on: a
/// command that returns has closed its database.
final class Pipeline<Value: Sendable, Failure: Error>: Sendable {
    private let work: Work<Value, Failure>

    /// - Parameters:
    ///   - threads: Thread `t` computes steps `t`, `t + threads`, `t + 2 × threads`, …
    ///   - isLast: Whether a step's value is the last one (the rest of `count` is not computed).
    ///   - makeStep: Called once on each thread; the step it returns may keep state of its own
    ///     (caches, a reader's place) from one step to the next.
    init(
        count: Int, threads: Int, isLast: @escaping @Sendable (Value) -> Bool = { _ in false },
        makeStep: @escaping @Sendable () -> (Int) throws(Failure) -> Value
    ) {
        let threads = min(threads, count)
        work = Work(makeStep: makeStep, isLast: isLast, threads: threads)
        for first in 0..<threads {
            let thread = Thread { [work] in
                work.run(steps: stride(from: first, to: count, by: threads))
                work.threadEnded()
            }
            thread.start()
        }
    }

    deinit {
        work.stopAndWait()
    }

    /// The result of step `index`; call with 0, 1, 2, … in order.
    func result(_ index: Int) throws(Failure) -> Value {
        try work.result(index)
    }
}

/// What a pipeline's threads share with its consumer.
private final class Work<Value: Sendable, Failure: Error>: @unchecked Sendable {
    // @unchecked: every stored property is guarded by `condition`.
    private let condition = NSCondition()
    /// What the threads start from; dropped once they have stopped.
    private var steps: (make: @Sendable () -> (Int) throws(Failure) -> Value, isLast: @Sendable (Value) -> Bool)?
    private let threads: Int
    private var running: Int
    private var stopped = false
    private var results: [Int: Result<Value, Failure>] = [:]
    private var consumed = 0

    init(makeStep: @escaping @Sendable () -> (Int) throws(Failure) -> Value, isLast: @escaping @Sendable (Value) -> Bool, threads: Int) {
        steps = (makeStep, isLast)
        self.threads = threads
        running = threads
    }

    /// Computes `steps` in turn, each once the consumer is at most `threads` steps behind; the
    /// step and everything it holds are released when this returns.
    func run(steps: StrideTo<Int>) {
        guard let (makeStep, isLast) = condition.withLock({ self.steps }) else { return }
        let step = makeStep()
        for index in steps {
            let go = condition.withLock {
                while index >= consumed + threads, !stopped { condition.wait() }
                return !stopped
            }
            guard go else { return }
            let result = Result { () throws(Failure) in try step(index) }
            condition.withLock {
                results[index] = result
                condition.broadcast()
            }
            guard case .success(let value) = result, !isLast(value) else { return }
        }
    }

    func threadEnded() {
        condition.withLock {
            running -= 1
            condition.broadcast()
        }
    }

    func result(_ index: Int) throws(Failure) -> Value {
        let result = condition.withLock {
            while results[index] == nil { condition.wait() }
            consumed = index + 1
            condition.broadcast()
            return results.removeValue(forKey: index)!
        }
        return try result.get()
    }

    /// Stops the threads at their next step, waits until each has let go of its own, and lets go
    /// of what made them (the threads may outlive this object's last use by the consumer).
    func stopAndWait() {
        condition.withLock {
            stopped = true
            condition.broadcast()
            while running > 0 { condition.wait() }
            (steps, results) = (nil, [:])
        }
    }
}
