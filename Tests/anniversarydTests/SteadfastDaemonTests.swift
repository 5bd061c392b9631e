import AnniversaryCore
import AnniversaryDaemon
import AnniversaryStore
import AnniversaryTesting
import Foundation
import Testing

/// The daemon keeps going through what passes (another process's lock, a long import, a full
/// disk) and loses or doubles nothing; a second daemon on its database is refused.
@Suite(.serialized)
struct SteadfastDaemonTests {
    let directory = TemporaryDirectory()

    /// Writes a configuration in UTC whose events each log `message` once, at `due`.
    func writeCalendar(_ reminders: [(id: String, due: Date)], database: String = "calendar.sqlite", in folder: String? = nil) {
        let folder = folder ?? directory.path
        var events = "events:\n"
        for reminder in reminders {
            events += "  - {id: \(reminder.id), title: \(reminder.id), date: 2000-\(reminder.due.utcMonthDay), at: \"\(reminder.due.utcTime)\", message: \"sent \(reminder.id)\"}\n"
        }
        try! events.write(toFile: folder + "/events.yaml", atomically: false, encoding: .utf8)
        try! "timezone: UTC\nevents: [\(folder)/events.yaml]\ndatabase: \(database)\n"
            .write(toFile: folder + "/anniversaryd.yaml", atomically: false, encoding: .utf8)
    }

    /// The lines logging each reminder, by event id.
    func sentLines(_ daemon: ChildProcess, _ ids: [String]) -> [String: [(line: String, arrived: Date)]] {
        let lines = daemon.standardErrorLines
        return Dictionary(uniqueKeysWithValues: ids.map { id in (id, lines.filter { $0.line.contains("sent \(id) ") }) })
    }

    func waitUntil(_ date: Date) async throws {
        let delay = date.timeIntervalSinceNow
        if delay > 0 { try await Task.sleep(for: .seconds(delay)) }
    }

    /// Each reminder's outbox row is delivered, after one attempt.
    func expectDeliveredOnce(_ ids: [String], database: String) throws {
        let outbox = try CalendarStore(path: database).fetchOutbox()
        for id in ids {
            let rows = outbox.filter { $0.reminder.eventID == id }
            #expect(rows.map(\.status) == [.delivered] && rows.map(\.attempts) == [1], "\(id): \(rows.map { ($0.status, $0.attempts) })")
        }
    }

    /// Another process holds the write lock for 60 s while three reminders come due: the daemon
    /// stays up, says so once when it starts waiting and once when it ends, sends a reminder
    /// planned before the lock on time, and the three others once each when the lock ends.
    @Test func anOutsideExclusiveLockIsWaitedOut() async throws {
        let start = Date.wholeSecond(in: 2)
        let lockAt = start + 5, releaseAt = start + 65
        let planned = ("planned", start + 6)
        let waiting = [("first", start + 10), ("second", start + 30), ("third", start + 50)]
        writeCalendar([planned] + waiting)
        let daemon = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        _ = try #require(try await daemon.waitForLine(containing: "starting", timeout: .seconds(30)))

        try await waitUntil(lockAt)
        let lock = try SQLiteLockHolder(path: directory.file("calendar.sqlite"))
        try await waitUntil(releaseAt - 3)
        #expect(daemon.process.isRunning, "the daemon exited during the lock: \(daemon.standardError)")
        let during = sentLines(daemon, waiting.map(\.0))
        #expect(during.values.allSatisfy { $0.isEmpty }, "sent during the lock: \(during)")
        lock.release()
        let released = Date()

        _ = try await daemon.waitForLine(containing: "sent third ", timeout: .seconds(30))
        try await Task.sleep(for: .seconds(1))
        let sent = sentLines(daemon, [planned.0] + waiting.map(\.0))
        for (id, lines) in sent { #expect(lines.count == 1, "\(id) sent \(lines.count) times") }
        let plannedLateness = try #require(sent["planned"]?.first).arrived.timeIntervalSince(planned.1)
        #expect(plannedLateness < 2.5, "a reminder planned before the lock went out \(plannedLateness) s late")
        for (id, _) in waiting {
            let arrived = try #require(sent[id]?.first).arrived
            #expect(arrived >= released - 0.5 && arrived < released + StoreOutage.maximumDelay.timeInterval + 3, "\(id) sent \(arrived.timeIntervalSince(released)) s after the release")
        }
        let log = daemon.standardError
        #expect(log.components(separatedBy: "warning the database is locked by another process").count - 1 == 1, "\(log)")
        #expect(log.components(separatedBy: "notice the database can be written again").count - 1 == 1, "\(log)")

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
        try expectDeliveredOnce([planned.0] + waiting.map(\.0), database: directory.file("calendar.sqlite"))
    }

    /// While it waits for the database, the daemon says so in `STATUS=` and its watchdog pings
    /// go on: waiting on a lock is alive.
    @Test func statusAndWatchdogWhileWaiting() async throws {
        let listener = try NotifyListener(path: directory.file("notify.sock"))
        let start = Date.wholeSecond(in: 2)
        writeCalendar([("waited", start + 6)])
        let daemon = try ChildProcess(
            ["run", "--config", "anniversaryd.yaml"], in: directory.path,
            environment: ["NOTIFY_SOCKET": listener.address, "WATCHDOG_USEC": "1000000"]
        )
        _ = try #require(try await listener.waitForMessage { $0 == "READY=1" })
        try await waitUntil(start + 3)
        let lock = try SQLiteLockHolder(path: directory.file("calendar.sqlite"))
        let locked = listener.messages.count
        let waiting = try #require(try await listener.waitForMessage { $0.hasPrefix("STATUS=waiting since 20") }, "\(listener.messages)")
        #expect(listener.messages[waiting].message.contains("the database is locked by another process; next try 20"))
        try await waitUntil(start + 12)
        let pings = listener.messages[locked...].filter { $0.message == "WATCHDOG=1" }.count
        lock.release()
        #expect(pings >= 12, "\(pings) watchdog pings in 9 s of waiting (one each 0.5 s expected)")
        _ = try #require(try await daemon.waitForLine(containing: "sent waited ", timeout: .seconds(20)))
        #expect(try await listener.waitForMessage(after: waiting) { $0.hasPrefix("STATUS=next wake-up") || $0.hasPrefix("STATUS=nothing scheduled") } != nil)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    /// `events import` of 300,000 rows holds the write lock for seconds while reminders come due
    /// every second: every one is sent once, the daemon stays up, the import succeeds.
    @Test func aLargeImportWhileRemindersComeDue() async throws {
        let start = Date.wholeSecond(in: 2)
        let ticks = (0..<20).map { ("tick\($0)", start + 5 + Double($0)) }
        writeCalendar(ticks)
        // Imported events are far from today, so that they send nothing during the test.
        let month = Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: start).month ?? 1
        let otherMonth = String(format: "%02d", month % 12 + 1 == month ? 1 : (month + 5) % 12 + 1)
        var csv = "id,title,date\n"
        for index in 0..<300_000 { csv += "imported-\(index),Imported \(index),1990-\(otherMonth)-\(String(format: "%02d", index % 28 + 1))\n" }
        directory.write("import.csv", csv)
        let daemon = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        _ = try #require(try await daemon.waitForLine(containing: "starting", timeout: .seconds(30)))

        try await waitUntil(start + 4)
        let imported = try await ChildProcess.run(["events", "import", "import.csv", "--config", "anniversaryd.yaml"], in: directory.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 300000 events"))

        try await waitUntil(ticks.last!.1 + 1)
        _ = try await daemon.waitForLine(containing: "sent tick19 ", timeout: .seconds(30))
        try await Task.sleep(for: .seconds(1))
        #expect(daemon.process.isRunning, "\(daemon.standardError)")
        // The import did hold the daemon up: it was not merely fast.
        #expect(daemon.standardError.contains("warning the database is locked by another process"), "\(daemon.standardError)")
        for (id, lines) in sentLines(daemon, ticks.map(\.0)) { #expect(lines.count == 1, "\(id) sent \(lines.count) times") }
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
        try expectDeliveredOnce(ticks.map(\.0), database: directory.file("calendar.sqlite"))
        #expect(try CalendarStore(path: directory.file("calendar.sqlite")).fetchEventCount() == 300_020)
    }

    /// The database's disk fills to its last byte while reminders come due: the daemon waits,
    /// saying why, and sends each one once when space is freed.
    @Test(.enabled(if: TmpfsMount.isPermitted, "mounting a tmpfs is refused on this machine: the full-disk test needs one"))
    func aFullDiskIsWaitedOut() async throws {
        let disk = try TmpfsMount(kibibytes: 4096)
        let start = Date.wholeSecond(in: 2)
        let reminders = [("one", start + 6), ("two", start + 9), ("three", start + 12)]
        writeCalendar(reminders, database: disk.file("calendar.sqlite"), in: disk.path)
        let daemon = try ChildProcess(["run", "--config", disk.file("anniversaryd.yaml")], in: directory.path)
        _ = try #require(try await daemon.waitForLine(containing: "starting", timeout: .seconds(30)))
        try await waitUntil(start + 3)
        disk.fill("filler")

        try await waitUntil(start + 16)
        #expect(daemon.process.isRunning, "\(daemon.standardError)")
        #expect(sentLines(daemon, reminders.map(\.0)).values.allSatisfy { $0.isEmpty })
        #expect(daemon.standardError.contains("warning the disk holding the database is full"), "\(daemon.standardError)")
        try FileManager.default.removeItem(atPath: disk.file("filler"))

        _ = try await daemon.waitForLine(containing: "sent three ", timeout: .seconds(30))
        try await Task.sleep(for: .seconds(1))
        for (id, lines) in sentLines(daemon, reminders.map(\.0)) { #expect(lines.count == 1, "\(id) sent \(lines.count) times") }
        #expect(daemon.standardError.contains("notice the database can be written again"))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
        try expectDeliveredOnce(reminders.map(\.0), database: disk.file("calendar.sqlite"))
    }

    /// A second `run` on the same database is refused at once, naming the database and the first
    /// daemon's PID; the command line works beside the daemon; the lock goes with its holder,
    /// even killed with SIGKILL.
    @Test func oneDaemonPerDatabase() async throws {
        writeCalendar([("far", Date() + 86_400 * 30)])
        let first = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        _ = try #require(try await first.waitForLine(containing: "starting", timeout: .seconds(30)))

        let began = Date()
        let second = try await ChildProcess.run(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        #expect(second.status == 69)
        #expect(Date().timeIntervalSince(began) < 5)
        #expect(second.stderr.contains("critical calendar.sqlite: another anniversaryd (PID \(first.process.processIdentifier)) is already running"), "\(second.stderr)")
        #expect(second.stderr.split(separator: "\n").count == 1, "\(second.stderr)")

        let added = try await ChildProcess.run(["events", "add", "--config", "anniversaryd.yaml", "--id", "beside", "--title", "Beside", "--date", "2000-01-01"], in: directory.path)
        #expect(added.status == 0, "\(added.stderr)")
        let listed = try await ChildProcess.run(["events", "list", "--config", "anniversaryd.yaml"], in: directory.path)
        #expect(listed.status == 0 && listed.stdout.contains("beside"))

        first.signal(SIGKILL)
        _ = try await first.waitForExit(timeout: .seconds(10))
        let third = try ChildProcess(["run", "--config", "anniversaryd.yaml"], in: directory.path)
        _ = try #require(try await third.waitForLine(containing: "starting", timeout: .seconds(30)), "\(third.standardError)")
        third.signal(SIGTERM)
        #expect(try await third.waitForExit(timeout: .seconds(10)) == 0)
    }

    /// Files written beside the database never wake the idle daemon; a write to the database by
    /// another process still does.
    @Test func writesBesideTheDatabaseDoNotWakeTheDaemon() async throws {
        writeCalendar([("far", Date() + 86_400 * 30)])
        let daemon = try ChildProcess(["run", "--config", "anniversaryd.yaml", "--log-level", "debug"], in: directory.path)
        _ = try #require(try await daemon.waitForLine(containing: "starting", timeout: .seconds(30)))
        // Start-up's helper threads idle out within about five seconds; measure after that.
        try await Task.sleep(for: .seconds(6))
        let pid = daemon.process.processIdentifier
        let before = DaemonProcessTests.voluntaryContextSwitches(of: pid)
        let neighbour = directory.file("neighbour.log")
        _ = FileManager.default.createFile(atPath: neighbour, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: neighbour))
        for index in 0..<100 {
            try handle.write(contentsOf: Data("line \(index)\n".utf8))
            try handle.synchronize()
            try await Task.sleep(for: .milliseconds(20))
        }
        try handle.close()
        directory.write("another.txt", "created beside the database")
        try await Task.sleep(for: .seconds(1))
        let after = DaemonProcessTests.voluntaryContextSwitches(of: pid)
        let wakeUps = after.reduce(0) { $0 + $1.value - (before[$1.key] ?? 0) }
        #expect(wakeUps == 0, "\(wakeUps) wake-ups while a file beside the database was written 100 times")

        let added = try await ChildProcess.run(["events", "add", "--config", "anniversaryd.yaml", "--id", "noticed", "--title", "N", "--date", "2000-01-01"], in: directory.path)
        #expect(added.status == 0)
        #expect(try await daemon.waitForLine(containing: "the database was changed by another process", timeout: .seconds(10)) != nil)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }
}
