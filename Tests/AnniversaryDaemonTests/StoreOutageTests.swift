import AnniversaryCore
import AnniversaryDaemon
import AnniversaryStore
import Foundation
import InMemoryLogging
import Logging
import Testing

struct StoreOutageTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// 1 s, then doubling, never more than the cap.
    @Test func backsOffToItsCap() {
        let delays = (1...8).map { StoreOutage.delay(afterFailures: $0) }
        #expect(delays == [1, 2, 4, 8, 10, 10, 10, 10])
        #expect(StoreOutage.delay(afterFailures: 10_000) == StoreOutage.maximumDelay.timeInterval)
    }

    @Test func remembersWhenItBeganAndWhenToTryAgain() {
        var outage = StoreOutage(.locked(path: "c"), at: start)
        #expect(outage.retryAt == start + 1)
        outage.failedAgain(.full(path: "c"), at: start + 1)
        outage.failedAgain(.full(path: "c"), at: start + 3)
        #expect(outage.since == start)
        #expect(outage.failures == 3)
        #expect(outage.retryAt == start + 7)
        #expect(outage.reason == "the disk holding the database is full")
    }

    /// However many failures and callers, an outage is one warning when it starts and one notice
    /// when a write succeeds; reads succeeding meanwhile (as they do beside a lock) end nothing.
    @Test func logsAnOutageOnceWhenItStartsAndOnceWhenItEnds() throws {
        let handler = InMemoryLogHandler()
        let availability = StoreAvailability(logger: Logger(label: "test") { _ in handler })
        for second in 0..<5 {
            let value: Int? = try availability.attempt(writes: true, at: start + Double(second)) { () throws(StoreError) in throw .locked(path: "c") }
            #expect(value == nil)
        }
        #expect(try availability.attempt(writes: false, at: start + 6) { () throws(StoreError) in 1 } == 1)
        #expect(availability.current?.failures == 5)
        #expect(try availability.attempt(writes: true, at: start + 7.25) { () throws(StoreError) in 2 } == 2)
        #expect(availability.current == nil)
        #expect(handler.entries.map(\.level) == [.warning, .notice])
        #expect(handler.entries[0].message.description.hasPrefix("the database is locked by another process: waiting"))
        #expect(handler.entries[1].metadata["store.unavailable_seconds"] == "7.3")
        #expect(handler.entries[1].metadata["store.tries"] == "5")
    }

    /// What cannot pass is thrown, not waited for.
    @Test func aLastingFailureIsThrown() {
        let availability = StoreAvailability(logger: Logger(label: "test") { _ in InMemoryLogHandler() })
        #expect(throws: StoreError.notADatabase(path: "c")) {
            try availability.attempt(writes: true, at: start) { () throws(StoreError) -> Int in throw .notADatabase(path: "c") }
        }
        #expect(availability.current == nil)
    }
}
