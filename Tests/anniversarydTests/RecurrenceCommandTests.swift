import AnniversaryTesting
import Foundation
import Testing

/// Events that recur by RFC 5545 rule, through the built binary: files, `events`, `upcoming`, `simulate`.
struct RecurrenceCommandTests {
    let directory = TemporaryDirectory()

    init() {
        directory.write("anniversaryd.yaml", "timezone: America/New_York\ndatabase: c.sqlite\nevents: [events.yaml]\nchannels: {log: {type: log}}\n")
        directory.write("events.yaml", """
            events:
              - id: thanksgiving
                title: Thanksgiving
                date: 2000-11-23
                recurrence: "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"
                remind: [7d, 0d]
                message: "{{title}}, the {{occurrence_ordinal}} ({{occurrence_number}}) we count"
              - id: board
                title: Board meeting
                date: 2027-03-26
                recurrence: FREQ=YEARLY;BYMONTH=3,6,9,12;BYDAY=-1FR
                exdates: [2027-06-25]
                rdates: [2027-07-02]

            """)
    }

    func anniversaryd(_ arguments: String...) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await ChildProcess.run(arguments, in: directory.path)
    }

    func jsonLines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func upcomingShowsEachDatesPlaceInItsSeries() async throws {
        let table = try await anniversaryd("upcoming", "--config", "anniversaryd.yaml", "--from", "2027-06-01", "--days", "200")
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("2027-07-02  Fri  in 31 days   #2        Board meeting"), "\(table.stdout)")
        #expect(table.stdout.contains("2027-09-24  Fri  in 115 days  #3        Board meeting"))
        #expect(table.stdout.contains("2027-11-25  Thu  in 177 days  #28       Thanksgiving"))
        #expect(!table.stdout.contains("2027-06-25"))
        let json = jsonLines(try await anniversaryd("upcoming", "--config", "anniversaryd.yaml", "--from", "2027-11-01", "--days", "30", "--json").stdout)
        #expect(json.count == 1)
        #expect(json.first?["occurrence_number"] as? Int == 28)
        #expect(json.first?["years"] is NSNull)
    }

    /// `simulate` plans what `run` sends: the same dates, numbers and messages.
    @Test func simulateFillsTheSeriesCountsIntoMessages() async throws {
        let lines = jsonLines(try await anniversaryd("simulate", "--config", "anniversaryd.yaml", "--from", "2027-11-01", "--to", "2027-12-01", "--json").stdout)
        #expect(lines.map { $0["due_at"] as? String } == ["2027-11-18T14:00:00Z", "2027-11-25T14:00:00Z"])
        #expect(lines.allSatisfy { $0["message"] as? String == "Thanksgiving, the 28th (28) we count" && $0["occurrence_number"] as? Int == 28 })
    }

    @Test func checkRefusesABadRuleAtItsPart() async throws {
        directory.write("events.yaml", "events:\n  - id: a\n    title: A\n    date: 2020-01-01\n    recurrence: FREQ=MONTHLY;BYDAY=1MO;BYSETPOS=9999\n")
        let result = try await anniversaryd("check", "--config", "anniversaryd.yaml")
        #expect(result.status == 78)
        #expect(result.stderr == #"events.yaml:5:49: invalid recurrence "FREQ=MONTHLY;BYDAY=1MO;BYSETPOS=9999": BYSETPOS=9999: "9999" is not 1 to 366 or -366 to -1"#)
    }

    @Test func eventsAddTakesARuleWithExdatesAndRdates() async throws {
        let add = try await anniversaryd(
            "events", "add", "--config", "anniversaryd.yaml", "--id", "tue", "--title", "Every other Tuesday", "--date", "2027-01-05",
            "--recurrence", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "--exdate", "2027-01-19", "--rdate", "2027-01-20", "--rdate", "2027-01-21"
        )
        #expect(add.status == 0, "\(add.stderr)")
        let listed = jsonLines(try await anniversaryd("events", "list", "--config", "anniversaryd.yaml", "--json").stdout)
        let tue = try #require(listed.first { $0["id"] as? String == "tue" })
        #expect(tue["recurrence"] as? String == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
        #expect(tue["exdates"] as? [String] == ["2027-01-19"])
        #expect(tue["rdates"] as? [String] == ["2027-01-20", "2027-01-21"])
        let upcoming = jsonLines(try await anniversaryd("upcoming", "--config", "anniversaryd.yaml", "--from", "2027-01-01", "--days", "40", "--json").stdout)
        #expect(upcoming.filter { $0["event_id"] as? String == "tue" }.map { "\($0["date"]!)#\($0["occurrence_number"]!)" }
            == ["2027-01-05#1", "2027-01-20#2", "2027-01-21#3", "2027-02-02#4"])

        let bad = try await anniversaryd("events", "add", "--config", "anniversaryd.yaml", "--id", "bad", "--title", "B", "--date", "2027-01-05", "--recurrence", "FREQ=WEEKLY;BYDAY=2TU")
        #expect(bad.status == 64)
        #expect(bad.stderr.contains(#"invalid recurrence "FREQ=WEEKLY;BYDAY=2TU": BYDAY=2TU: a numbered weekday needs FREQ=MONTHLY or YEARLY"#), "\(bad.stderr)")
        let early = try await anniversaryd("events", "add", "--config", "anniversaryd.yaml", "--id", "early", "--title", "E", "--date", "2027-01-05", "--recurrence", "FREQ=DAILY", "--rdate", "2027-01-01")
        #expect(early.status == 64 && early.stderr.contains("rdate 2027-01-01 is before the event's date 2027-01-05"), "\(early.stderr)")
    }

    /// CSV and JSON carry the rule, exdates and rdates, and read back as the same events.
    @Test func importAndExportCarryRules() async throws {
        directory.write("plain.yaml", "timezone: UTC\ndatabase: plain.sqlite\n")
        directory.write("in.csv", """
            id,title,date,recurrence,exdates,rdates
            meetup,Meetup,2020-01-14,"FREQ=MONTHLY;BYDAY=2TU",2020-02-11;2020-03-10,2020-02-12
            memorial,Memorial,2001-05-06,"FREQ=YEARLY;BYMONTH=5;BYDAY=SU;BYMONTHDAY=7,8,9,10,11,12,13",,

            """)
        let imported = try await anniversaryd("events", "import", "--config", "plain.yaml", "in.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        let csv = try await anniversaryd("events", "export", "--config", "plain.yaml")
        #expect(csv.stdout.contains("meetup,Meetup,2020-01-14,FREQ=MONTHLY;BYDAY=2TU,,,,,,,,,2020-02-11;2020-03-10,2020-02-12,\n"), "\(csv.stdout)")
        #expect(csv.stdout.contains("memorial,Memorial,2001-05-06,\"FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=7,8,9,10,11,12,13;BYDAY=SU\","))
        let json = try await anniversaryd("events", "export", "--config", "plain.yaml", "--format", "json")
        directory.write("out.json", json.stdout)
        directory.write("other.yaml", "timezone: UTC\ndatabase: other.sqlite\n")
        #expect(try await anniversaryd("events", "import", "--config", "other.yaml", "out.json").status == 0)
        #expect(try await anniversaryd("events", "export", "--config", "other.yaml").stdout == csv.stdout)
        // 2026's meetups are the 72nd to the 83rd: 72 months from January 2020, less two exdates, plus one rdate, came before.
        let upcoming = jsonLines(try await anniversaryd("upcoming", "--config", "other.yaml", "--from", "2026-01-01", "--days", "365", "--json").stdout)
        let meetups = upcoming.filter { $0["event_id"] as? String == "meetup" }.compactMap { $0["occurrence_number"] as? Int }
        #expect(meetups == Array(72...83))
        // The first Sunday after May 6 (the 7th through the 13th), every year.
        #expect(upcoming.first { $0["event_id"] as? String == "memorial" }?["date"] as? String == "2026-05-10")
    }

    @Test func aBadRuleInAnImportIsAtItsCell() async throws {
        directory.write("plain.yaml", "timezone: UTC\ndatabase: plain.sqlite\n")
        directory.write("in.csv", "id,title,date,recurrence\ngood,Good,2020-01-01,FREQ=DAILY\nbad,Bad,2020-01-01,FREQ=DAILY;BYHOUR=9\n")
        let result = try await anniversaryd("events", "import", "--config", "plain.yaml", "in.csv")
        #expect(result.status == 65)
        #expect(result.stderr.contains(#"in.csv:3:20: invalid recurrence "FREQ=DAILY;BYHOUR=9": BYHOUR is not supported"#), "\(result.stderr)")
        #expect(try await anniversaryd("events", "list", "--config", "plain.yaml").stdout.contains("No events."))
    }

    /// A daily rule begun in 1900 numbers today's date by counting, not walking, the series.
    @Test func aCenturyOldDailyRuleNumbersToday() async throws {
        directory.write("events.yaml", "events:\n  - {id: daily, title: Daily, date: 1900-01-01, recurrence: FREQ=DAILY}\n")
        let upcoming = jsonLines(try await anniversaryd("upcoming", "--config", "anniversaryd.yaml", "--from", "2026-12-03", "--days", "0", "--json").stdout)
        #expect(upcoming.map { $0["occurrence_number"] as? Int } == [46_358])
    }
}
