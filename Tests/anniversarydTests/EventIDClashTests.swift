import AnniversaryCore
import AnniversaryStore
import AnniversaryTesting
import Foundation
import Testing

/// An id added with `events add` is never taken over by an event file: every command that syncs,
/// `check`, `run` and a reload refuse it at the id's place in the file, and the CLI event stays.
@Suite(.serialized)
struct EventIDClashTests {
    let directory = TemporaryDirectory()
    let clashing = "events:\n  - id: kept\n    title: From the file\n    date: 2000-01-01\n  - id: clash1\n    title: From the file\n    date: 2001-01-01\n"
    let place = "events.yaml:5:9: event id \"clash1\" is already taken by an event added with `events add`; "
        + "rename this one, or remove the other with `anniversaryd events remove clash1`"

    init() {
        directory.write("anniversaryd.yaml", "timezone: UTC\nevents: [events.yaml]\ndatabase: calendar.sqlite\n")
        directory.write("events.yaml", "events: []\n")
    }

    func anniversaryd(_ arguments: String...) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await ChildProcess.run(arguments + ["--config", "anniversaryd.yaml"], in: directory.path)
    }

    func expectCLIEventUntouched() throws {
        let events = try CalendarStore(path: directory.file("calendar.sqlite")).fetchEvents()
        #expect(events.map(\.definition.id) == ["clash1"])
        #expect(events.first?.source == .cli && events.first?.definition.title == "From the command line")
    }

    @Test func commandsThatSyncAndCheckRefuseTheFile() async throws {
        #expect(try await anniversaryd("events", "add", "--id", "clash1", "--title", "From the command line", "--date", "2000-01-01").status == 0)
        directory.write("events.yaml", clashing)
        for command in [["check"], ["upcoming"], ["events", "list"], ["simulate", "--from", "2027-01-01", "--to", "2027-01-02"]] {
            let result = try await ChildProcess.run(command + ["--config", "anniversaryd.yaml"], in: directory.path)
            #expect(result.status == 78, "\(command)")
            #expect(result.stderr == place, "\(command): \(result.stderr)")
        }
        try expectCLIEventUntouched()
        // Removing the file's event then leaves the CLI event where it was.
        directory.write("events.yaml", "events: []\n")
        #expect(try await anniversaryd("events", "list").stdout.contains("clash1"))
        try expectCLIEventUntouched()
    }

    @Test func runRefusesToStartAndAReloadKeepsTheRunningConfiguration() async throws {
        #expect(try await anniversaryd("events", "add", "--id", "clash1", "--title", "From the command line", "--date", "2000-01-01").status == 0)
        directory.write("events.yaml", clashing)
        let refused = try await anniversaryd("run")
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("critical \(place)"), "\(refused.stderr)")

        directory.write("events.yaml", "events: []\n")
        let daemon = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        _ = try #require(try await daemon.waitForLine(containing: "starting", timeout: .seconds(30)))
        directory.write("events.yaml", clashing)
        daemon.signal(SIGHUP)
        _ = try #require(try await daemon.waitForLine(containing: "reload failed", timeout: .seconds(10)), "\(daemon.standardError)")
        #expect(daemon.standardError.contains("error \(place)"), "\(daemon.standardError)")
        #expect(daemon.process.isRunning)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
        try expectCLIEventUntouched()
    }
}
