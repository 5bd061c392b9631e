import Foundation

/// Computes numbered steps on a thread of its own, at most one step ahead of the consumer, who
/// takes the results in order: reading and computing the next part of a listing overlaps with
/// writing this one.
final class Pipeline<Value: Sendable, Failure: Error>: @unchecked Sendable {
    // @unchecked: `results` is guarded by `lock`; the semaphores order producer and consumer.
    private let lock = NSLock()
    private var results: [Int: Result<Value, Failure>] = [:]
    private let produced = DispatchSemaphore(value: 0)
    private let consumed = DispatchSemaphore(value: 1)

    init(count: Int, step: @escaping @Sendable (Int) throws(Failure) -> Value) {
        let thread = Thread { [self] in
            for index in 0..<count {
                consumed.wait()
                let result = Result { () throws(Failure) in try step(index) }
                lock.withLock { results[index] = result }
                produced.signal()
                if case .failure = result { return }
            }
        }
        thread.start()
    }

    /// The result of step `index`; call with 0, 1, 2, … in order.
    func result(_ index: Int) throws(Failure) -> Value {
        produced.wait()
        let result = lock.withLock { results.removeValue(forKey: index)! }
        consumed.signal()
        return try result.get()
    }
}
