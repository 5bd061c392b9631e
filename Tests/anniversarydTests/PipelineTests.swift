import Synchronization
import Testing

@testable import anniversaryd

struct PipelineTests {
    /// Stands for a database connection that a step holds.
    final class Resource: Sendable {}

    @Test func resultsArriveInOrderFromEveryThread() throws {
        let pipeline = Pipeline<Int, Never>(count: 50, threads: 3) { { index in index * index } }
        #expect((0..<50).map { pipeline.result($0) } == (0..<50).map { $0 * $0 })
    }

    @Test func nothingPastTheLastValueIsComputed() {
        let computed = Mutex(0)
        let pipeline = Pipeline<Int?, Never>(count: .max, threads: 1, isLast: { $0 == nil }) {
            { index in
                computed.withLock { $0 += 1 }
                return index < 3 ? index : nil
            }
        }
        #expect(pipeline.result(0) == 0 && pipeline.result(1) == 1 && pipeline.result(2) == 2 && pipeline.result(3) == nil)
        withExtendedLifetime(pipeline) {}
        #expect(computed.withLock { $0 } == 4)
    }

    /// A command that returns has closed its database: what the steps hold is released before
    /// the consumer goes on, not later on a pipeline thread (when the process may have exited).
    @Test(arguments: [0, 2, 40])
    func whatTheStepsHoldIsReleasedWhenThePipelineIs(consumed: Int) {
        weak var released: Resource?
        do {
            let resource = Resource()
            released = resource
            let pipeline = Pipeline<Int, Never>(count: 40, threads: 2) { { [resource] index in withExtendedLifetime(resource) { index } } }
            for index in 0..<consumed { #expect(pipeline.result(index) == index) }
        }
        #expect(released == nil)
    }
}
