import AnniversaryTesting
import Foundation
import Testing

/// The command line, through the built binary: output, errors and exit codes.
struct CommandLineTests {
    let directory = TemporaryDirectory()
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let exampleConfig = repository.appendingPathComponent("Config/anniversaryd.yaml").path

    func anniversaryd(_ arguments: String...) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await ChildProcess.run(arguments, in: directory.path)
    }

    // MARK: - upcoming

    @Test func upcomingShowsThe39thAnniversaryIn2026() async throws {
        let result = try await anniversaryd("upcoming", "--config", Self.exampleConfig, "--database", "c.sqlite", "--from", "2026-01-20", "--days", "10")
        #expect(result.status == 0)
        #expect(result.stdout.contains("2026-01-27  Tue  in 7 days   39th      U.S.–Mongolia diplomatic relations"), "\(result.stdout)")
        #expect(result.stdout.contains("fires 2025-12-28, 2026-01-20 and on the day, 09:00 Asia/Ulaanbaatar"))
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    /// `upcoming` reads on threads of its own; still, it closes the database before it exits, so
    /// no write-ahead log is left beside it (a copy of the file alone would lack its last writes).
    @Test func upcomingLeavesNoWriteAheadLogBehind() async throws {
        for _ in 0..<20 {
            let result = try await anniversaryd("upcoming", "--config", Self.exampleConfig, "--database", "c.sqlite", "--days", "400")
            #expect(result.status == 0)
            #expect(!FileManager.default.fileExists(atPath: directory.file("c.sqlite-wal")))
        }
    }

    @Test func upcomingMarksThe40thAsAMilestone() async throws {
        let result = try await anniversaryd("upcoming", "--config", Self.exampleConfig, "--database", "c.sqlite", "--from", "2027-01-20", "--days", "10", "--json")
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["date"] as? String == "2027-01-27")
        #expect(object["years"] as? Int == 40)
        #expect(object["ordinal"] as? String == "40th")
        #expect(object["milestone"] as? Bool == true)
        #expect(object["days_until"] as? Int == 7)
        let reminders = try #require(object["reminders"] as? [[String: String]])
        #expect(reminders.map { $0["at"] } == ["2026-12-28T09:00:00+08:00", "2027-01-20T09:00:00+08:00", "2027-01-27T09:00:00+08:00"])
    }

    /// Foundation reads `UTC` as the zone it names "GMT"; output keeps the configuration's word.
    @Test func upcomingNamesTheUTCZoneUTC() async throws {
        directory.write("events.yaml", "events:\n  - {id: us-mn, title: U.S.–Mongolia relations, date: 1987-01-27}\n")
        directory.write("utc.yaml", "timezone: UTC\nevents: [events.yaml]\ndatabase: c.sqlite\nchannels: {log: {type: log}}\n")
        let table = try await anniversaryd("upcoming", "--config", "utc.yaml", "--from", "2027-01-20", "--days", "10")
        #expect(table.stdout.contains("fires on the day, 09:00 UTC"), "\(table.stdout)")
        let json = try await anniversaryd("upcoming", "--config", "utc.yaml", "--from", "2027-01-20", "--days", "10", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["time_zone"] as? String == "UTC")
    }

    /// Reminder descriptions are cached per date, time, zone and leads: events alike in all but
    /// one of those each get their own.
    @Test func upcomingDescribesEachEventsOwnReminders() async throws {
        directory.write("events.yaml", """
            events:
              - {id: a, title: A, date: 1987-01-27}
              - {id: b, title: B, date: 1990-01-27, at: "18:00"}
              - {id: c, title: C, date: 1991-01-27, timezone: Asia/Ulaanbaatar}
              - {id: d, title: D, date: 1992-01-27, remind: [1d, 0d]}
              - {id: e, title: E, date: 1993-01-27}
            """)
        directory.write("utc.yaml", "timezone: UTC\nevents: [events.yaml]\ndatabase: c.sqlite\nchannels: {log: {type: log}}\n")
        let json = try await anniversaryd("upcoming", "--config", "utc.yaml", "--from", "2027-01-27", "--days", "0", "--json")
        let reminders = try json.stdout.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let times = try #require(object["reminders"] as? [[String: String]]).map { "\($0["lead"]!)@\($0["at"]!)" }
            return "\(object["event_id"]!): \(times.joined(separator: " "))"
        }
        #expect(reminders.sorted() == [
            "a: 0d@2027-01-27T09:00:00Z", "b: 0d@2027-01-27T18:00:00Z", "c: 0d@2027-01-27T09:00:00+08:00",
            "d: 1d@2027-01-26T09:00:00Z 0d@2027-01-27T09:00:00Z", "e: 0d@2027-01-27T09:00:00Z",
        ])
        let table = try await anniversaryd("upcoming", "--config", "utc.yaml", "--from", "2027-01-27", "--days", "0")
        for description in ["on the day, 09:00 UTC", "on the day, 18:00 UTC", "on the day, 09:00 Asia/Ulaanbaatar", "2027-01-26 and on the day, 09:00 UTC"] {
            #expect(table.stdout.contains("fires \(description)"), "\(table.stdout)")
        }
    }

    @Test func upcomingFiltersByTag() async throws {
        let result = try await anniversaryd("upcoming", "--config", Self.exampleConfig, "--database", "c.sqlite", "--from", "2027-01-01", "--days", "365", "--tag", "meeting", "--json")
        let ids = result.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["event_id"] as? String
        }
        #expect(ids == ["rubio-batmunkh-meeting-2025", "landau-batmunkh-unga-2025"])
    }

    @Test(arguments: [["--days", "-1"], ["--from", "2026-02-30"], ["--bogus"]])
    func badOptionsAreUsageErrors(arguments: [String]) async throws {
        let result = try await ChildProcess.run(["upcoming", "--config", Self.exampleConfig] + arguments, in: directory.path)
        #expect(result.status == 64)
    }

    // MARK: - check

    @Test func checkPassesTheExample() async throws {
        let result = try await anniversaryd("check", "--config", Self.exampleConfig)
        #expect(result.status == 0)
        #expect(result.stdout.contains("ok, 3 events in 1 files"))
    }

    @Test func checkListsEveryProblemWithItsPlace() async throws {
        directory.write("anniversaryd.yaml", "events: [events.yaml]\ndefualts: {}\n")
        directory.write("events.yaml", "events:\n  - id: a\n    title: A\n    date: 2026-02-30\n")
        let result = try await anniversaryd("check", "--config", "anniversaryd.yaml")
        #expect(result.status == 78)
        #expect(result.stderr == """
            anniversaryd.yaml:2:1: unknown key "defualts" in the configuration; did you mean "defaults"?
            events.yaml:4:11: invalid date "2026-02-30": that day does not exist in that month
            """)
    }

    @Test func checkOfAMissingFileIsNoInput() async throws {
        let result = try await anniversaryd("check", "--config", "nope.yaml")
        #expect(result.status == 66)
        #expect(result.stderr.contains("nope.yaml: no such file"))
    }

    // MARK: - events

    @Test func eventsAddListRemove() async throws {
        directory.write("anniversaryd.yaml", "timezone: UTC\n")
        let add = try await anniversaryd("events", "add", "--config", "anniversaryd.yaml", "--id", "gran", "--title", "Gran's birthday", "--date=--03-14", "--remind", "7d,0d")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(try await anniversaryd("events", "add", "--config", "anniversaryd.yaml", "--id", "gran", "--title", "X", "--date", "2000-01-01").status == 65)
        #expect(try await anniversaryd("events", "add", "--config", "anniversaryd.yaml", "--id", "x", "--title", "X", "--date", "2000-01-01", "--channel", "nope").status == 64)
        let list = try await anniversaryd("events", "list", "--config", "anniversaryd.yaml", "--json")
        #expect(list.stdout.contains("\"id\":\"gran\""))
        #expect(list.stdout.contains("\"remind\":[\"7d\",\"0d\"]"))
        #expect(try await anniversaryd("events", "remove", "--config", "anniversaryd.yaml", "gran").status == 0)
        let missing = try await anniversaryd("events", "remove", "--config", "anniversaryd.yaml", "gran")
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("no event with id \"gran\""))
    }

    @Test func importExportRoundTripsCSVAndJSON() async throws {
        directory.write("anniversaryd.yaml", "timezone: UTC\nchannels:\n  team: {type: log}\n")
        directory.write("in.csv", """
            id,title,date,tags,remind,channels,message
            a,"Quote "" and, comma",1987-01-27,x;y,7d;0d,team,"{{years}} years"
            b,Leap,--02-29,,,,

            """)
        #expect(try await anniversaryd("events", "import", "--config", "anniversaryd.yaml", "in.csv").status == 0)
        let csv = try await anniversaryd("events", "export", "--config", "anniversaryd.yaml")
        #expect(csv.stdout.contains("a,\"Quote \"\" and, comma\",1987-01-27,yearly,x;y,{{years}} years,,,,7d;0d,team,"))
        let json = try await anniversaryd("events", "export", "--config", "anniversaryd.yaml", "--format", "json")
        directory.write("out.json", json.stdout)
        directory.write("other.yaml", "timezone: UTC\ndatabase: other.sqlite\nchannels:\n  team: {type: log}\n")
        #expect(try await anniversaryd("events", "import", "--config", "other.yaml", "out.json").status == 0)
        let again = try await anniversaryd("events", "export", "--config", "other.yaml")
        #expect(again.stdout == csv.stdout)
    }

    @Test func aBadImportRowRejectsTheWholeFile() async throws {
        directory.write("anniversaryd.yaml", "timezone: UTC\n")
        directory.write("in.csv", "id,title,date\ngood,Good,2000-01-01\nbad,Bad,2026-02-30\n")
        let result = try await anniversaryd("events", "import", "--config", "anniversaryd.yaml", "in.csv")
        #expect(result.status == 65)
        #expect(result.stderr.contains("in.csv:3:9: invalid date \"2026-02-30\""))
        #expect(try await anniversaryd("events", "list", "--config", "anniversaryd.yaml").stdout.contains("No events."))
    }

    /// What spreadsheets and other tools write: a byte-order mark is read past; a control
    /// character or bad UTF-8 is an error at its place, in CSV, JSON and `events add` alike.
    @Test func importsReadWhatRealToolsWrite() async throws {
        directory.write("anniversaryd.yaml", "timezone: UTC\n")
        try Data([0xEF, 0xBB, 0xBF] + Array("id,title,date\nbom,Spreadsheet,2000-01-01\n".utf8)).write(to: directory.url("bom.csv"))
        try Data([0xEF, 0xBB, 0xBF] + Array(#"[{"id": "bomjson", "title": "J", "date": "2000-01-02"}]"#.utf8)).write(to: directory.url("bom.json"))
        #expect(try await anniversaryd("events", "import", "--config", "anniversaryd.yaml", "bom.csv").stdout == "imported 1 events\n")
        #expect(try await anniversaryd("events", "import", "--config", "anniversaryd.yaml", "bom.json").stdout == "imported 1 events\n")

        directory.write("nul.csv", "id,title,date\nn,\"Cut\u{0}here\",2000-01-01\n")
        try Data(Array("[{\"id\": \"x\",\n  \"title\": \"J".utf8) + [0xC3, 0x28] + Array("\", \"date\": \"2000-01-02\"}]".utf8)).write(to: directory.url("bad.json"))
        directory.write("escaped.json", #"[{"id": "y", "title": "bell\u0007", "date": "2000-01-02"}]"#)
        for (file, error) in [
            ("nul.csv", "nul.csv:2:7: a control character (U+0000) is not allowed in text; remove it"),
            ("bad.json", "bad.json:2:14: the text is not valid UTF-8 (byte 0xC3 here)"),
            ("escaped.json", "escaped.json: event 1 (\"title\"): a control character (U+0007) is not allowed in text; remove it"),
        ] {
            let result = try await anniversaryd("events", "import", "--config", "anniversaryd.yaml", file)
            #expect(result.status == 65 && result.stderr == error, "\(file): \(result.stderr)")
        }
        let escape = try await anniversaryd("events", "add", "--config", "anniversaryd.yaml", "--id", "t", "--title", "a\u{1B}b", "--date", "2000-01-01")
        #expect(escape.status == 64 && escape.stderr.contains("a control character (U+001B)"), "\(escape.stderr)")
        let until = try await anniversaryd("events", "add", "--config", "anniversaryd.yaml", "--id", "u", "--title", "U", "--date", "2000-05-05", "--until", "1999-01-01")
        #expect(until.status == 64 && until.stderr.contains("\"until\" 1999-01-01 is before the event's date 2000-05-05"), "\(until.stderr)")
        let list = try await anniversaryd("events", "list", "--config", "anniversaryd.yaml", "--json")
        #expect(list.stdout.split(separator: "\n").count == 2, "\(list.stdout)")
    }

    @Test func aBadRowInALaterBatchRejectsTheWholeFile() async throws {
        // Given a stored event, and a file whose bad row comes after the first batch was written
        directory.write("anniversaryd.yaml", "timezone: UTC\n")
        #expect(try await anniversaryd("events", "add", "--config", "anniversaryd.yaml", "--id", "kept", "--title", "Kept", "--date", "1987-01-27").status == 0)
        var rows = (1...40_000).map { "e\($0),Event \($0),2000-03-03" }
        rows[29_999] = "e30000,Bad,2000-13-01"
        directory.write("in.csv", "id,title,date\n" + rows.joined(separator: "\n") + "\n")
        // Then the row is named and nothing was added
        let result = try await anniversaryd("events", "import", "--config", "anniversaryd.yaml", "in.csv")
        #expect(result.status == 65)
        #expect(result.stderr.contains("in.csv:30001:12: invalid date \"2000-13-01\""))
        let list = try await anniversaryd("events", "list", "--config", "anniversaryd.yaml")
        #expect(list.stdout.contains("Kept") && !list.stdout.contains("Event "))
        // And a duplicate within the file names both lines
        rows[29_999] = "e7,Again,2000-03-03"
        directory.write("in.csv", "id,title,date\n" + rows.joined(separator: "\n") + "\n")
        let duplicate = try await anniversaryd("events", "import", "--config", "anniversaryd.yaml", "in.csv")
        #expect(duplicate.stderr.contains("in.csv:30001:1: duplicate id \"e7\"; first on line 8"))
        // And a large file taking a stored id is refused whole
        rows[29_999] = "kept,Again,2000-03-03"
        directory.write("in.csv", "id,title,date\n" + rows.joined(separator: "\n") + "\n")
        let taken = try await anniversaryd("events", "import", "--config", "anniversaryd.yaml", "in.csv")
        #expect(taken.status == 65 && taken.stderr.contains("an event with id \"kept\" already exists"))
        rows[29_999] = "e30000,Fine,2000-03-03"
        directory.write("in.csv", "id,title,date\n" + rows.joined(separator: "\n") + "\n")
        #expect(try await anniversaryd("events", "import", "--config", "anniversaryd.yaml", "in.csv").stdout == "imported 40000 events\n")
    }

    @Test func aDatabaseThatIsNotSQLiteIsRefusedAndKept() async throws {
        directory.write("anniversaryd.yaml", "timezone: UTC\ndatabase: calendar.sqlite\n")
        let text = String(repeating: "precious notes\n", count: 300)
        directory.write("calendar.sqlite", text)
        let result = try await anniversaryd("upcoming", "--config", "anniversaryd.yaml")
        #expect(result.status == 65)
        #expect(result.stderr.contains("calendar.sqlite: not an SQLite database"))
        #expect(try String(contentsOfFile: directory.file("calendar.sqlite"), encoding: .utf8) == text)
    }

    /// Run by a user who may not write the database, a write is refused whole, with exit 74.
    @Test func aReadOnlyDatabaseIsRefusedAndUnchanged() async throws {
        directory.write("anniversaryd.yaml", "timezone: UTC\ndatabase: calendar.sqlite\n")
        #expect(try await anniversaryd("events", "add", "--config", "anniversaryd.yaml", "--id", "a", "--title", "A", "--date", "2000-01-01").status == 0)
        // Root may write any file, so root runs the command as nobody; anyone else loses the write bits.
        let asReader: [String]
        if getuid() == 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
            asReader = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ChildProcess.binary.path]
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: directory.file("calendar.sqlite"))
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
            asReader = []
        }
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path) }
        let result = try await ChildProcess.run(
            asReader + ["events", "add", "--config", "anniversaryd.yaml", "--id", "b", "--title", "B", "--date", "2000-01-02"],
            in: directory.path, executable: asReader.isEmpty ? nil : URL(fileURLWithPath: asReader[0])
        )
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("calendar.sqlite: the database is read-only"))
        let list = try await anniversaryd("events", "list", "--config", "anniversaryd.yaml", "--json")
        #expect(list.stdout.split(separator: "\n").count == 1)
    }

    // MARK: - simulate

    @Test func simulateListsEveryReminderInTheWindow() async throws {
        let result = try await anniversaryd("simulate", "--config", Self.exampleConfig, "--database", "c.sqlite", "--from", "2026-12-01", "--to", "2027-01-31", "--json")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.map { $0["due_at"] as? String } == ["2026-12-28T01:00:00Z", "2027-01-20T01:00:00Z", "2027-01-27T01:00:00Z"])
        #expect(lines.last?["message"] as? String == "40 years of diplomatic relations between the United States and Mongolia (since 1987-01-27).")
        #expect(lines.allSatisfy { $0["milestone"] as? Bool == true })
    }
}
