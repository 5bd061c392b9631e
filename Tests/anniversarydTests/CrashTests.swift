import AnniversaryTesting
import Foundation
import Testing

/// Nothing lost, nothing under a second id: the daemon is killed with SIGKILL, again and again,
/// while 500 reminders come due, and restarted each time.
@Suite(.serialized)
struct CrashTests {
    let directory = TemporaryDirectory()

    @Test func everyReminderArrivesDespiteRepeatedSIGKILL() async throws {
        let receiver = try WebhookReceiver()
        // 500 reminders, 100 a second, starting six seconds from now (UTC, whole seconds).
        // Six seconds leave room for the first start, which sets the high-water mark, on a busy machine.
        let start = Date.wholeSecond(in: 6)
        var events = "events:\n"
        var expected = Set<String>()
        for index in 0..<500 {
            let due = start.addingTimeInterval(Double(index % 5))
            let date = due.utcDay
            events += "  - {id: e\(index), title: E\(index), date: \"2000\(date.dropFirst(4))\", at: \"\(due.utcTime)\"}\n"
            expected.insert("e\(index)/\(date)/0d/hooks")
        }
        directory.write("events.yaml", events)
        directory.writeHooksConfiguration("{type: webhook, url: \"\(receiver.url("/ok"))\"}")

        // Kill at random moments: at most 30 kills, at most 20 seconds.
        let killing = ContinuousClock.now
        var kills = 0
        while kills < 30, ContinuousClock.now - killing < .seconds(20) {
            let daemon = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...1200)))
            daemon.signal(SIGKILL)
            _ = try await daemon.waitForExit(timeout: .seconds(10))
            kills += 1
        }

        // Then let one run until the outbox is empty, at most 60 seconds.
        let survivor = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        let settling = ContinuousClock.now
        var pending = -1
        while pending != 0, ContinuousClock.now - settling < .seconds(60) {
            try await Task.sleep(for: .milliseconds(500))
            let outbox = try await ChildProcess.run(["deliveries", "--config", "anniversaryd.yaml", "--status", "pending", "--json"], in: directory.path)
            let delivered = try await ChildProcess.run(["deliveries", "--config", "anniversaryd.yaml", "--status", "delivered", "--json"], in: directory.path)
            let deliveredCount = delivered.stdout.split(separator: "\n").count
            pending = deliveredCount == 500 ? outbox.stdout.split(separator: "\n").count : -1
        }
        survivor.signal(SIGTERM)
        #expect(try await survivor.waitForExit(timeout: .seconds(10)) == 0)

        // Every reminder reached the receiver at least once, always under its one id.
        let received = try await receiver.requests().compactMap { $0.headers["webhook-id"] }
        #expect(Set(received) == expected, "missing: \(expected.subtracting(received).count), unexpected: \(Set(received).subtracting(expected).count)")
        #expect(received.count >= 500)
        for status in ["pending", "dead", "missed"] {
            let rows = try await ChildProcess.run(["deliveries", "--config", "anniversaryd.yaml", "--status", status, "--json"], in: directory.path)
            #expect(rows.stdout.isEmpty, "\(status): \(rows.stdout.split(separator: "\n").count) rows")
        }
        print("crash test: \(kills) kills, \(received.count) requests for 500 reminders")
    }
}
