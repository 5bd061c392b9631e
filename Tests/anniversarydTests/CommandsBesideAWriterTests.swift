import AnniversaryTesting
import Foundation
import Testing

/// Commands that only read answer while another process holds the database's write lock.
struct CommandsBesideAWriterTests {
    let directory = TemporaryDirectory()

    func anniversaryd(_ arguments: String...) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await ChildProcess.run(arguments + ["--config", "anniversaryd.yaml"], in: directory.path)
    }

    func writeEvents(_ titles: [String]) {
        directory.write("events.yaml", "events:\n" + titles.enumerated().map { "  - {id: e\($0.offset), title: \($0.element), date: 2000-01-27}\n" }.joined())
    }

    @Test func readCommandsAnswerWhileAnotherProcessHoldsTheWriteLock() async throws {
        directory.write("anniversaryd.yaml", "timezone: UTC\nevents: [events.yaml]\ndatabase: calendar.sqlite\n")
        writeEvents(["First"])
        #expect(try await anniversaryd("events", "list").status == 0)
        let lock = try SQLiteLockHolder(path: directory.file("calendar.sqlite"))
        defer { lock.release() }

        // Files unchanged: no write is needed, none is waited for, nothing is said.
        let began = Date()
        for command in [["upcoming", "--from", "2027-01-20", "--days", "10"], ["events", "list"], ["events", "export"],
                        ["simulate", "--from", "2027-01-26", "--to", "2027-01-28"], ["deliveries"]] {
            let result = try await ChildProcess.run(command + ["--config", "anniversaryd.yaml"], in: directory.path)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(command): \(result.stderr)")
        }
        #expect(Date().timeIntervalSince(began) < 4, "five commands took \(Date().timeIntervalSince(began)) s beside the lock")
        let upcoming = try await anniversaryd("upcoming", "--from", "2027-01-20", "--days", "10")
        #expect(upcoming.stdout.contains("First"))

        // Files changed: the database as it is, after one warning.
        writeEvents(["Second"])
        let changed = try await anniversaryd("upcoming", "--from", "2027-01-20", "--days", "10")
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("First") && !changed.stdout.contains("Second"), "\(changed.stdout)")
        #expect(changed.stderr == "anniversaryd: warning: the event files changed, but another process holds the database's write lock: "
            + "answering from the database as it is, without the files' changes")

        // A command that writes still reports the lock.
        let add = try await anniversaryd("events", "add", "--id", "x", "--title", "X", "--date", "2000-01-01")
        #expect(add.status == 69, "\(add.stderr)")
        lock.release()
        let synced = try await anniversaryd("upcoming", "--from", "2027-01-20", "--days", "10")
        #expect(synced.stdout.contains("Second") && synced.stderr.isEmpty)
    }
}
