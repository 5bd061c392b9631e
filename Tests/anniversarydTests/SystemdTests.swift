import AnniversaryTesting
import Foundation
import Testing

/// The built binary as systemd runs it: the notify protocol, reload, stop, the journal, the unit.
@Suite(.serialized)
struct SystemdTests {
    let directory = TemporaryDirectory()

    func writeConfiguration(channels: String = "") {
        directory.write("anniversaryd.yaml", "timezone: UTC\nevents: [events.yaml]\ndatabase: calendar.sqlite\n" + channels)
    }

    /// A reminder due `seconds` from now at a whole second, as an event file line.
    static func soon(_ id: String, in seconds: Double, message: String) -> (line: String, due: Date) {
        let due = Date.wholeSecond(in: seconds)
        return ("  - {id: \(id), title: \(id), date: 2000-\(due.utcMonthDay), at: \"\(due.utcTime)\", message: \"\(message)\"}\n", due)
    }

    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }

    /// READY once the timer is armed, WATCHDOG at half of WATCHDOG_USEC, RELOADING (with
    /// MONOTONIC_USEC) then READY around SIGHUP, STOPPING on SIGTERM; on a path or abstract socket.
    @Test(arguments: [false, true])
    func notifiesSystemd(abstract: Bool) async throws {
        let listener = try NotifyListener(path: abstract ? "@anniversaryd-test-\(UUID().uuidString)" : directory.file("notify.sock"))
        writeConfiguration()
        directory.write("events.yaml", "events:\n  - {id: far, title: Far, date: \"--12-31\", at: \"23:59\"}\n")
        let daemon = try ChildProcess(
            ["run", "--config", "anniversaryd.yaml"], in: directory.path,
            environment: ["NOTIFY_SOCKET": listener.address, "WATCHDOG_USEC": "400000"]
        )
        let ready = try #require(try await listener.waitForMessage { $0 == "READY=1" })
        // The status sent just before READY names the armed deadline: the timer was armed first.
        #expect(listener.messages[..<ready].contains { $0.message.hasPrefix("STATUS=next wake-up 20") && $0.message.contains("0 deliveries pending") })

        // Pings every 200 ms.
        try await Task.sleep(for: .seconds(2))
        let pings = listener.messages.filter { $0.message == "WATCHDOG=1" }.map(\.arrived)
        let window = pings.filter { $0 >= pings[0] + .milliseconds(500) && $0 < pings[0] + .milliseconds(1500) }
        #expect((4...6).contains(window.count), "\(window.count) pings in one second")

        let beforeReload = listener.messages.count
        let sentAt = Self.monotonicMicroseconds()
        daemon.signal(SIGHUP)
        let reloading = try #require(try await listener.waitForMessage(after: beforeReload) { $0.hasPrefix("RELOADING=1\n") })
        let stamp = try #require(UInt64(listener.messages[reloading].message.split(separator: "=").last ?? ""))
        #expect(stamp >= sentAt && stamp < sentAt + 5_000_000)
        #expect(try await listener.waitForMessage(after: reloading + 1) { $0 == "READY=1" } != nil)

        daemon.signal(SIGTERM)
        #expect(try await listener.waitForMessage(after: reloading) { $0 == "STOPPING=1" } != nil)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    /// Without NOTIFY_SOCKET nothing is sent and nothing fails; the log says it started.
    @Test func runsWithoutSystemd() async throws {
        writeConfiguration()
        directory.write("events.yaml", "events: []\n")
        let daemon = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path, environment: ["WATCHDOG_USEC": "400000"])
        _ = try #require(try await daemon.waitForLine(containing: "starting", timeout: .seconds(30)))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    /// The unit sets MemoryDenyWriteExecute=yes: the daemon must start, fire and stop with the
    /// kernel refusing writable executable memory (prctl PR_SET_MDWE, what systemd sets up).
    @Test func runsWithoutWritableExecutableMemory() async throws {
        writeConfiguration()
        let soon = Self.soon("mdwe", in: 2, message: "fired without W^X memory")
        directory.write("events.yaml", "events:\n" + soon.line)
        let peer = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Peers/mdwe_exec.py")
        let daemon = try ChildProcess(
            ["env", "python3", peer.path, ChildProcess.binary.path, "run", "--config", "anniversaryd.yaml"], in: directory.path,
            executable: URL(fileURLWithPath: "/usr/bin/env")
        )
        _ = try #require(try await daemon.waitForLine(containing: "fired without W^X memory", timeout: .seconds(30)), "\(daemon.standardError)")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    /// SIGHUP applies a valid file (a new event fires on time); a broken file is reported with its
    /// position and the running configuration stays in force (the next event still fires).
    @Test func reloadAppliesValidFilesAndKeepsTheRunningOneOnErrors() async throws {
        writeConfiguration()
        directory.write("events.yaml", "events: []\n")
        let daemon = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        _ = try #require(try await daemon.waitForLine(containing: "starting", timeout: .seconds(30)))

        let first = Self.soon("first", in: 3, message: "first fired")
        let second = Self.soon("second", in: 6, message: "second fired")
        directory.write("events.yaml", "events:\n" + first.line + second.line)
        daemon.signal(SIGHUP)
        let reloaded = try #require(try await daemon.waitForLine(containing: "reloaded", timeout: .seconds(10)))
        #expect(reloaded.line.contains("events.added=2"))
        let fired = try #require(try await daemon.waitForLine(containing: "first fired", timeout: .seconds(10)))
        #expect(abs(fired.arrived.timeIntervalSince(first.due)) < 1)

        directory.write("events.yaml", "events:\n  - {id: broken, title: Broken, date: 2000-13-45}\n")
        daemon.signal(SIGHUP)
        _ = try #require(try await daemon.waitForLine(containing: "reload failed", timeout: .seconds(10)))
        #expect(daemon.standardError.contains("events.yaml:2:"))
        let kept = try #require(try await daemon.waitForLine(containing: "second fired", timeout: .seconds(10)))
        #expect(abs(kept.arrived.timeIntervalSince(second.due)) < 1)

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    /// An event added with the command line while the daemon runs fires on time, without a restart.
    @Test func eventAddedWithTheCommandLineFiresOnTime() async throws {
        writeConfiguration()
        directory.write("events.yaml", "events:\n  - {id: far, title: Far, date: \"--12-31\", at: \"23:59\"}\n")
        let daemon = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        _ = try #require(try await daemon.waitForLine(containing: "starting", timeout: .seconds(30)))
        try await Task.sleep(for: .milliseconds(500))

        let due = Date.wholeSecond(in: 3)
        let added = try await ChildProcess.run([
            "events", "add", "--config", "anniversaryd.yaml", "--id", "added", "--title", "Added",
            "--date", "2001-\(due.utcMonthDay)", "--at", due.utcTime, "--message", "added {{years}} years ago",
        ], in: directory.path)
        #expect(added.status == 0, "\(added.stderr)")
        let fired = try #require(try await daemon.waitForLine(containing: "added \(Calendar.current.component(.year, from: due) - 2001) years ago", timeout: .seconds(10)))
        #expect(abs(fired.arrived.timeIntervalSince(due)) < 1, "fired \(fired.arrived.timeIntervalSince(due)) s after its instant")

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    /// SIGTERM while a delivery is in flight: it finishes, is recorded, and the daemon exits 0.
    @Test func stopLetsTheDeliveryInFlightFinish() async throws {
        let receiver = try WebhookReceiver()
        writeConfiguration(channels: "defaults: {channels: [hooks]}\nchannels:\n  hooks: {type: webhook, url_env: HOOKS_URL}\n")
        let soon = Self.soon("slow", in: 2, message: "slow")
        directory.write("events.yaml", "events:\n" + soon.line)
        let daemon = try ChildProcess(
            ["run", "--config", "anniversaryd.yaml"], in: directory.path, environment: ["HOOKS_URL": receiver.url("/delay/1500").absoluteString]
        )
        _ = try #require(try await receiver.waitForRequests(1).first)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(15)) == 0)
        let deliveries = try await ChildProcess.run(["deliveries", "--config", "anniversaryd.yaml", "--json"], in: directory.path)
        #expect(deliveries.stdout.contains("\"status\":\"delivered\""), "\(deliveries.stdout)")
    }

    /// The stop waits as long as the channels loaded by the last reload need: a timeout raised
    /// from 1 s to 8 s lets a 4.5 s delivery in flight finish, where the first bound (3 s) would cut it.
    @Test func stopWaitsAsLongAsTheReloadedTimeoutsNeed() async throws {
        let receiver = try WebhookReceiver()
        let hooks = "defaults: {channels: [hooks]}\nchannels:\n  hooks: {type: webhook, url_env: HOOKS_URL, timeout: %@}\n"
        writeConfiguration(channels: hooks.replacing("%@", with: "1s"))
        let soon = Self.soon("slow", in: 6, message: "slow")
        directory.write("events.yaml", "events:\n" + soon.line)
        let daemon = try ChildProcess(
            ["run", "--config", "anniversaryd.yaml"], in: directory.path, environment: ["HOOKS_URL": receiver.url("/delay/4500").absoluteString]
        )
        _ = try #require(try await daemon.waitForLine(containing: "starting", timeout: .seconds(10)))
        writeConfiguration(channels: hooks.replacing("%@", with: "8s"))
        daemon.signal(SIGHUP)
        _ = try #require(try await daemon.waitForLine(containing: "reloaded", timeout: .seconds(10)))
        _ = try #require(try await receiver.waitForRequests(1).first)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(15)) == 0)
        #expect(daemon.standardError.contains("stop.timeout=\"10.0 seconds\""), "\(daemon.standardError)")
        #expect(!daemon.standardError.contains("stopping at once"), "\(daemon.standardError)")
        let deliveries = try await ChildProcess.run(["deliveries", "--config", "anniversaryd.yaml", "--json"], in: directory.path)
        #expect(deliveries.stdout.contains("\"status\":\"delivered\""), "\(deliveries.stdout)")
    }

    /// A second SIGTERM ends the daemon at once; the delivery in flight stays pending, unattempted.
    @Test func secondStopSignalEndsAtOnce() async throws {
        let receiver = try WebhookReceiver()
        writeConfiguration(channels: "defaults: {channels: [hooks]}\nchannels:\n  hooks: {type: webhook, url_env: HOOKS_URL, timeout: 25s}\n")
        let soon = Self.soon("hung", in: 2, message: "hung")
        directory.write("events.yaml", "events:\n" + soon.line)
        let daemon = try ChildProcess(
            ["run", "--config", "anniversaryd.yaml"], in: directory.path, environment: ["HOOKS_URL": receiver.url("/hang").absoluteString]
        )
        _ = try #require(try await receiver.waitForRequests(1).first)
        daemon.signal(SIGTERM)
        try await Task.sleep(for: .milliseconds(500))
        #expect(daemon.process.isRunning, "the first SIGTERM waits for the delivery in flight")
        let second = ContinuousClock.now
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
        #expect(ContinuousClock.now - second < .seconds(3))
        let deliveries = try await ChildProcess.run(["deliveries", "--config", "anniversaryd.yaml", "--json"], in: directory.path)
        #expect(deliveries.stdout.contains("\"status\":\"pending\""), "\(deliveries.stdout)")
        #expect(deliveries.stdout.contains("\"attempts\":0"), "\(deliveries.stdout)")
    }

    /// With stderr connected to the journal, each line carries its sd-daemon priority and no
    /// timestamp; metadata is key=value.
    @Test func logsForTheJournal() async throws {
        writeConfiguration()
        let soon = Self.soon("journal", in: 2, message: "to the journal")
        directory.write("events.yaml", "events:\n" + soon.line)
        let daemon = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path, journalStream: true)
        let line = try #require(try await daemon.waitForLine(containing: "to the journal", timeout: .seconds(30)))
        #expect(line.line.hasPrefix("<5>to the journal "))
        #expect(line.line.contains(" event.id=journal "))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
        #expect(daemon.standardErrorLines.first?.line.hasPrefix("<6>starting config=anniversaryd.yaml") == true)
    }
}
