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
        let due = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 3).rounded(.down))
        let format = Date.VerbatimFormatStyle(format: "\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits)", timeZone: .gmt, calendar: Calendar(identifier: .gregorian))
        let monthDay = Date.VerbatimFormatStyle(format: "\(month: .twoDigits)-\(day: .twoDigits)", timeZone: .gmt, calendar: Calendar(identifier: .gregorian))
        directory.write("anniversaryd.yaml", "timezone: UTC\nevents: [events.yaml]\ndatabase: calendar.sqlite\n")
        directory.write("events.yaml", """
            events:
              - id: soon
                title: Soon
                date: 2000-\(due.formatted(monthDay))
                at: "\(due.formatted(format))"
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
        let due = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 2).rounded(.down))
        let time = Date.VerbatimFormatStyle(format: "\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits)", timeZone: .gmt, calendar: Calendar(identifier: .gregorian))
        let monthDay = Date.VerbatimFormatStyle(format: "\(month: .twoDigits)-\(day: .twoDigits)", timeZone: .gmt, calendar: Calendar(identifier: .gregorian))
        directory.write("anniversaryd.yaml", "timezone: UTC\nevents: [events.yaml]\ndatabase: calendar.sqlite\n")
        directory.write("events.yaml", "events:\n  - {id: soon, title: Soon, date: 2000-\(due.formatted(monthDay)), at: \"\(due.formatted(time))\", message: once}\n")

        let first = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        _ = try #require(try await first.waitForLine(containing: "] once", timeout: .seconds(30)))
        first.signal(SIGTERM)
        #expect(try await first.waitForExit(timeout: .seconds(10)) == 0)

        let second = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        _ = try #require(try await second.waitForLine(containing: "starting", timeout: .seconds(30)))
        try await Task.sleep(for: .seconds(1))
        second.signal(SIGINT)
        #expect(try await second.waitForExit(timeout: .seconds(10)) == 0)
        #expect(!second.standardError.contains("] once"))
    }

    @Test func refusesToStartWithABrokenConfiguration() async throws {
        directory.write("anniversaryd.yaml", "timezone: Mars/Base\n")
        let result = try await ChildProcess.run(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        #expect(result.status == 78)
        #expect(result.stderr.contains("anniversaryd.yaml:1:11: unknown time zone \"Mars/Base\""))
    }
}
