import AnniversaryTesting
import Foundation
import Testing

/// The built binary, run as users run it.
@Suite(.serialized)
struct DaemonProcessTests {
    let directory = TemporaryDirectory()

    /// A reminder due two seconds ahead is logged once, within a second of its instant; SIGTERM
    /// then stops the daemon with status 0.
    @Test func firesOnTimeOnceAndStopsOnSIGTERM() async throws {
        // Given an event whose reminder is due at the next whole second plus two, in UTC
        let due = Date.wholeSecond(in: 3)
        directory.write("anniversaryd.yaml", "timezone: UTC\nevents: [events.yaml]\ndatabase: calendar.sqlite\n")
        directory.write("events.yaml", """
            events:
              - id: soon
                title: Soon
                date: 2000-\(due.utcMonthDay)
                at: "\(due.utcTime)"
                message: "ping {{years}}"
            """)

        // When the daemon runs
        let daemon = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)

        // Then the reminder is logged within a second of its instant
        let line = try #require(try await daemon.waitForLine(containing: "ping ", timeout: .seconds(30)))
        let lateness = line.arrived.timeIntervalSince(due)
        #expect(lateness >= -0.05 && lateness < 1.0, "logged \(lateness) s after its instant")
        // and only once
        try await Task.sleep(for: .seconds(1))
        #expect(daemon.standardErrorLines.filter { $0.line.contains("ping ") }.count == 1)

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
        #expect(daemon.standardError.contains("stopped"))
    }

    /// Restarted the same day, the daemon does not send the reminder again.
    @Test func restartDoesNotRepeatAReminder() async throws {
        let due = Date.wholeSecond(in: 2)
        directory.write("anniversaryd.yaml", "timezone: UTC\nevents: [events.yaml]\ndatabase: calendar.sqlite\n")
        directory.write("events.yaml", "events:\n  - {id: soon, title: Soon, date: 2000-\(due.utcMonthDay), at: \"\(due.utcTime)\", message: once}\n")

        let first = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        _ = try #require(try await first.waitForLine(containing: "notice once", timeout: .seconds(30)))
        first.signal(SIGTERM)
        #expect(try await first.waitForExit(timeout: .seconds(10)) == 0)

        let second = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        _ = try #require(try await second.waitForLine(containing: "starting", timeout: .seconds(30)))
        try await Task.sleep(for: .seconds(1))
        second.signal(SIGINT)
        #expect(try await second.waitForExit(timeout: .seconds(10)) == 0)
        #expect(!second.standardError.contains("notice once"))
    }

    /// Between reminders the daemon sleeps: its threads do not wake at all (libdispatch's global
    /// queues would wake it every second; a polling loop more often).
    @Test func idleDaemonDoesNotWakeUp() async throws {
        directory.write("anniversaryd.yaml", "timezone: UTC\nevents: [events.yaml]\ndatabase: calendar.sqlite\n")
        directory.write("events.yaml", "events:\n  - {id: far, title: Far, date: \"--12-31\", at: \"23:59\"}\n")
        let daemon = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        _ = try #require(try await daemon.waitForLine(containing: "starting", timeout: .seconds(30)))
        // Start-up's helper threads idle out within about five seconds; measure after that.
        try await Task.sleep(for: .seconds(6))
        let before = Self.voluntaryContextSwitches(of: daemon.process.processIdentifier)
        try await Task.sleep(for: .seconds(4))
        let after = Self.voluntaryContextSwitches(of: daemon.process.processIdentifier)
        let wakeUps = after.reduce(0) { $0 + $1.value - (before[$1.key] ?? 0) }
        #expect(wakeUps == 0, "\(wakeUps) wake-ups in 4 s: before \(before), after \(after)")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    /// Voluntary context switches of each thread of a process, by thread id: each is one wake-up
    /// from a wait.
    static func voluntaryContextSwitches(of pid: Int32) -> [String: Int] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        var switches: [String: Int] = [:]
        for task in tasks {
            let status = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("voluntary_ctxt_switches:") }
            switches[task] = line.flatMap { Int($0.split(separator: "\t").last ?? "") } ?? 0
        }
        return switches
    }

    /// A webhook that fails once gets the reminder again on the retry schedule, with the same id,
    /// signed; `deliveries` then shows it delivered after two attempts.
    @Test func retriesAFailedWebhookWithTheSameID() async throws {
        let receiver = try WebhookReceiver()
        let due = Date.wholeSecond(in: 2)
        directory.writeHooksConfiguration("{type: webhook, url_env: HOOKS_URL, secret_env: HOOKS_SECRET}")
        directory.write("events.yaml", "events:\n  - {id: soon, title: Soon, date: 2000-\(due.utcMonthDay), at: \"\(due.utcTime)\"}\n")
        let environment = ["HOOKS_URL": receiver.url("/fail-once/soon").absoluteString, "HOOKS_SECRET": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]
        let daemon = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path, environment: environment)
        // The first attempt at its instant, the retry 4 to 6 seconds later.
        let requests = try await receiver.waitForRequests(2)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
        #expect(requests.count == 2)
        #expect(Set(requests.map { $0.headers["webhook-id"] }) == ["soon/\(due.utcDay)/0d/hooks"])
        #expect(requests.allSatisfy { $0.headers["webhook-signature"]?.hasPrefix("v1,") == true })
        #expect(!daemon.standardError.contains("127.0.0.1"), "the URL must not be logged")
        let deliveries = try await ChildProcess.run(["deliveries", "--config", "anniversaryd.yaml", "--json"], in: directory.path)
        #expect(deliveries.stdout.contains("\"attempts\":2"))
        #expect(deliveries.stdout.contains("\"status\":\"delivered\""))
    }

    /// Stopped between a failed attempt and its retry, the daemon retries at the scheduled time
    /// after a restart, with the same id, counting on from the first attempt.
    @Test func retryStateSurvivesARestart() async throws {
        let receiver = try WebhookReceiver()
        let due = Date.wholeSecond(in: 2)
        directory.writeHooksConfiguration("{type: webhook, url_env: HOOKS_URL}")
        directory.write("events.yaml", "events:\n  - {id: kept, title: Kept, date: 2000-\(due.utcMonthDay), at: \"\(due.utcTime)\"}\n")
        let environment = ["HOOKS_URL": receiver.url("/fail-once/kept").absoluteString]
        let first = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path, environment: environment)
        _ = try #require(try await first.waitForLine(containing: "will retry", timeout: .seconds(30)))
        first.signal(SIGTERM)
        #expect(try await first.waitForExit(timeout: .seconds(10)) == 0)
        let between = try await ChildProcess.run(["deliveries", "--config", "anniversaryd.yaml", "--json"], in: directory.path)
        #expect(between.stdout.contains("\"attempts\":1") && between.stdout.contains("\"status\":\"pending\""), "\(between.stdout)")

        let second = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path, environment: environment)
        let requests = try await receiver.waitForRequests(2)
        second.signal(SIGTERM)
        #expect(try await second.waitForExit(timeout: .seconds(10)) == 0)
        #expect(requests.map { $0.headers["webhook-id"] } == ["kept/\(due.utcDay)/0d/hooks", "kept/\(due.utcDay)/0d/hooks"])
        // Sent on the schedule (5 s ± 20 % after the first attempt), not at once on restart.
        let retryAt = Date().timeIntervalSince(due)
        #expect(retryAt >= 3.9, "retried \(retryAt) s after the first attempt")
        let after = try await ChildProcess.run(["deliveries", "--config", "anniversaryd.yaml", "--json"], in: directory.path)
        #expect(after.stdout.contains("\"attempts\":2") && after.stdout.contains("\"status\":\"delivered\""), "\(after.stdout)")
    }

    /// Stopped across two reminders and started again: the one at most `catch_up` late is sent;
    /// the older one is recorded as missed and logged. (Within a minute a reminder counts as on
    /// time, so the late flag is checked in SchedulerTests, with a clock of its own.)
    @Test func downtimeSendsRecentRemindersLateAndRecordsOlderOnesAsMissed() async throws {
        let start = Date.wholeSecond(in: 0)
        // Margins for a busy machine: the first run has 6 s to stop before `old`; the second starts
        // 1.5 s after `recent` (3.5 s inside `catch_up`), when `old` is 7.5 s late (2.5 s outside).
        let old = start.addingTimeInterval(6), recent = start.addingTimeInterval(12)
        directory.write("anniversaryd.yaml", "timezone: UTC\nevents: [events.yaml]\ndatabase: calendar.sqlite\ndefaults: {catch_up: 5s}\n")
        directory.write("events.yaml", """
            events:
              - {id: old, title: Old, date: 2000-\(old.utcMonthDay), at: "\(old.utcTime)", message: OLD-FIRED}
              - {id: recent, title: Recent, date: 2000-\(recent.utcMonthDay), at: "\(recent.utcTime)", message: RECENT-FIRED}
            """)
        let first = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        _ = try #require(try await first.waitForLine(containing: "starting", timeout: .seconds(30)))
        first.signal(SIGTERM)
        #expect(try await first.waitForExit(timeout: .seconds(10)) == 0)
        try #require(Date() < old, "the first run stopped too late for this test to mean anything")

        try await Task.sleep(for: .seconds(max(0, recent.timeIntervalSinceNow + 1.5)))
        let second = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        _ = try #require(try await second.waitForLine(containing: "RECENT-FIRED", timeout: .seconds(30)))
        _ = try #require(try await second.waitForLine(containing: "reminder missed", timeout: .seconds(5)))
        second.signal(SIGTERM)
        #expect(try await second.waitForExit(timeout: .seconds(10)) == 0)
        #expect(!second.standardError.contains("OLD-FIRED"))
        let missed = try await ChildProcess.run(["deliveries", "--config", "anniversaryd.yaml", "--status", "missed", "--json"], in: directory.path)
        #expect(missed.stdout.contains("\"event_id\":\"old\""), "\(missed.stdout)")
        let delivered = try await ChildProcess.run(["deliveries", "--config", "anniversaryd.yaml", "--status", "delivered", "--json"], in: directory.path)
        #expect(delivered.stdout.contains("\"event_id\":\"recent\""), "\(delivered.stdout)")
    }

    @Test func refusesToStartWithABrokenConfiguration() async throws {
        directory.write("anniversaryd.yaml", "timezone: Mars/Base\n")
        let result = try await ChildProcess.run(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        #expect(result.status == 78)
        #expect(result.stderr.contains("anniversaryd.yaml:1:11: unknown time zone \"Mars/Base\""))
    }

    /// What cannot pass ends the daemon at once: one line in the log's format and its sysexits
    /// code; the file is left as it was.
    @Test func refusesADatabaseThatIsNotSQLiteInOneLogLine() async throws {
        directory.write("anniversaryd.yaml", "timezone: UTC\ndatabase: calendar.sqlite\n")
        let text = String(repeating: "not a database\n", count: 100)
        directory.write("calendar.sqlite", text)
        let result = try await ChildProcess.run(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasSuffix(" critical calendar.sqlite: not an SQLite database; point --database at another file"), "\(result.stderr)")
        #expect(try String(contentsOfFile: directory.file("calendar.sqlite"), encoding: .utf8) == text)
    }
}
