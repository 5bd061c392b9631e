import AnniversaryTesting
import Foundation
import Testing

/// `events import` of iCalendar and vCard files and `events export --format ics`, through the binary.
struct InterchangeCommandTests {
    let directory = TemporaryDirectory()

    init() {
        directory.write("anniversaryd.yaml", "timezone: Asia/Ulaanbaatar\ndatabase: c.sqlite\ndefaults: {at: \"09:00\"}\nchannels: {log: {type: log}}\n")
        directory.write("second.yaml", "timezone: Asia/Ulaanbaatar\ndatabase: d.sqlite\ndefaults: {at: \"09:00\"}\nchannels: {log: {type: log}}\n")
        directory.write("family.ics", """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
            BEGIN:VEVENT\r
            UID:7kukuqrfedlm2f9t8fvd6iugtc@google.com\r
            DTSTART;VALUE=DATE:19870127\r
            RRULE:FREQ=YEARLY\r
            SUMMARY:U.S.–Mongolia diplomatic relations\r
            DESCRIPTION:Established in Ulaanbaatar\\, 1987.\r
            CATEGORIES:diplomatic\r
            BEGIN:VALARM\r
            TRIGGER:-P7D\r
            END:VALARM\r
            BEGIN:VALARM\r
            TRIGGER:PT0S\r
            END:VALARM\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:choir@example.org\r
            DTSTART;TZID=W. Europe Standard Time:20270105T190000\r
            RRULE:FREQ=WEEKLY;BYDAY=TU\r
            SUMMARY:Choir\r
            BEGIN:VALARM\r
            TRIGGER;VALUE=DATE-TIME:20270105T120000Z\r
            END:VALARM\r
            END:VEVENT\r
            END:VCALENDAR\r

            """)
        directory.write("contacts.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dorj Bat\r\nBDAY:1990-01-25\r\nEND:VCARD\r\n")
    }

    func anniversaryd(_ arguments: String...) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await ChildProcess.run(arguments, in: directory.path)
    }

    /// The table row of `date`, its columns one space apart.
    func row(_ table: String, _ date: String) -> String? {
        table.split(separator: "\n").first { $0.hasPrefix(date) }.map { $0.split(separator: " ").joined(separator: " ") }
    }

    @Test func aCalendarImportsWithItsWarningsAndListsItsYears() async throws {
        let result = try await anniversaryd("events", "import", "--config", "anniversaryd.yaml", "family.ics")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 2 events\n")
        #expect(result.stderr == #"family.ics:18: warning: event "choir_40example.org" (Choir): not kept: an alarm at a fixed time (TRIGGER 20270105T120000Z) (line 23)"#)
        let table = try await anniversaryd("upcoming", "--config", "anniversaryd.yaml", "--from", "2027-01-20", "--days", "8")
        #expect(row(table.stdout, "2027-01-27") == "2027-01-27 Wed in 7 days 40th ★ U.S.–Mongolia diplomatic relations", "\(table.stdout)")
        #expect(row(table.stdout, "2027-01-26") == "2027-01-26 Tue in 6 days #4 Choir")
        #expect(table.stdout.contains("fires 2027-01-20 and on the day, 09:00 Asia/Ulaanbaatar"))
        #expect(table.stdout.contains("19:00 Europe/Berlin"))
        let list = try await anniversaryd("events", "list", "--config", "anniversaryd.yaml", "--json")
        #expect(list.stdout.contains(#""notes":"Established in Ulaanbaatar, 1987.""#), "\(list.stdout)")
    }

    @Test func theExportImportsBackAsTheSameEvents() async throws {
        _ = try await anniversaryd("events", "import", "--config", "anniversaryd.yaml", "family.ics")
        let export = try await anniversaryd("events", "export", "--config", "anniversaryd.yaml", "--format", "ics")
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("UID:7kukuqrfedlm2f9t8fvd6iugtc@google.com\r\n"), "the UID the id was made from")
        directory.write("export.ics", export.stdout)
        let again = try await anniversaryd("events", "import", "--config", "second.yaml", "export.ics")
        #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
        let first = try await anniversaryd("events", "export", "--config", "anniversaryd.yaml", "--format", "json")
        let second = try await anniversaryd("events", "export", "--config", "second.yaml", "--format", "json")
        #expect(first.stdout == second.stdout && first.stdout.contains("choir_40example.org"))
    }

    @Test func aBadLineRejectsTheWholeFileAtItsLine() async throws {
        _ = try await anniversaryd("events", "import", "--config", "anniversaryd.yaml", "contacts.vcf")
        directory.write("bad.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20270127\nEND:VEVENT\nBEGIN:VEVENT\nUID:b\nDTSTART:20270127\nRRULE:FREQ=FORTNIGHTLY\nEND:VEVENT\nEND:VCALENDAR\n")
        let result = try await anniversaryd("events", "import", "--config", "anniversaryd.yaml", "bad.ics")
        #expect(result.status == 65)
        #expect(result.stderr == "bad.ics:9: RRULE: FREQ=FORTNIGHTLY is not a frequency; use YEARLY, MONTHLY, WEEKLY or DAILY")
        let list = try await anniversaryd("events", "list", "--config", "anniversaryd.yaml")
        #expect(list.stdout.contains("Birthday: Dorj Bat") && !list.stdout.contains(" a "), "nothing of the bad file stored: \(list.stdout)")
    }

    /// An event's notes (DESCRIPTION) are a key of event files, a CSV column and a template value.
    @Test func notesTravelThroughFilesCSVAndTemplates() async throws {
        directory.write("notes.yaml", "timezone: UTC\ndatabase: n.sqlite\nevents: [events.yaml]\nchannels: {log: {type: log}}\n")
        directory.write("events.yaml", """
            events:
              - id: relations
                title: Relations
                date: 1987-01-27
                notes: "Signed in Ulaanbaatar, 1987"
                message: "{{title}} ({{notes}})"
            """)
        let simulated = try await anniversaryd("simulate", "--config", "notes.yaml", "--from", "2027-01-27", "--to", "2027-01-28", "--json")
        #expect(simulated.stdout.contains(#""message":"Relations (Signed in Ulaanbaatar, 1987)""#), "\(simulated.stdout) \(simulated.stderr)")
        let csv = try await anniversaryd("events", "export", "--config", "notes.yaml")
        #expect(csv.stdout.hasSuffix(",,\"Signed in Ulaanbaatar, 1987\"\n"), "\(csv.stdout)")
        directory.write("in.csv", "id,title,date,notes\nvisit,Visit,2027-07-11,From the CSV\n")
        #expect(try await anniversaryd("events", "import", "--config", "notes.yaml", "in.csv").status == 0)
        let list = try await anniversaryd("events", "list", "--config", "notes.yaml", "--json")
        #expect(list.stdout.contains(#""notes":"From the CSV""#), "\(list.stdout)")
    }

    @Test func contactsGiveBirthdaysWithTheirYears() async throws {
        let result = try await anniversaryd("events", "import", "--config", "anniversaryd.yaml", "contacts.vcf")
        #expect(result.status == 0 && result.stdout == "imported 1 events\n", "\(result.stderr)")
        let table = try await anniversaryd("upcoming", "--config", "anniversaryd.yaml", "--from", "2027-01-20", "--days", "8", "--tag", "birthday")
        #expect(row(table.stdout, "2027-01-25") == "2027-01-25 Mon in 5 days 37th Birthday: Dorj Bat", "\(table.stdout)")
        let export = try await anniversaryd("events", "export", "--config", "anniversaryd.yaml", "--format", "vcf")
        #expect(export.status == 64 && export.stderr.contains("vcf is read by `events import` only"))
    }
}
