import AnniversaryCore
import AnniversaryInterchange
import AnniversaryTesting
import Foundation
import Testing

/// The export: RFC 5545 that Python's `icalendar` reads, and that our import reads back as the
/// same events.
struct ICalendarWriterTests {
    let now = Date(timeIntervalSince1970: 1_796_083_200)  // 2026-12-01

    static let definitions: [EventDefinition] = [
        EventDefinition(id: "us-mn-diplomatic-relations", title: "U.S.–Mongolia diplomatic relations", origin: OriginDate("1987-01-27")!,
                        tags: ["diplomatic", "us-mongolia"], message: "{{years}} years; since {{date}}, a long line that must be folded somewhere",
                        notes: "Established 27 January 1987.\nSee the article; it says so, too."),
        EventDefinition(id: "dorj", title: "Birthday: Dorj", origin: OriginDate("--03-11")!, tags: ["birthday"], leads: [Lead("1w")!, .onTheDay]),
        EventDefinition(id: "leap", title: "Leap", origin: OriginDate("2000-02-29")!, timeZoneIdentifier: "Europe/London", leapDay: .mar1),
        EventDefinition(id: "leap-default", title: "Leap too", origin: OriginDate("2004-02-29")!, time: TimeOfDay("07:00"), timeZoneIdentifier: "Asia/Ulaanbaatar"),
        EventDefinition(id: "thanksgiving", title: "Thanksgiving", origin: OriginDate("2000-11-23")!,
                        recurrence: .rule(try! RecurrenceRule(parsing: "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH")), time: TimeOfDay("18:30"),
                        timeZoneIdentifier: "America/New_York", leads: [Lead("1d")!, Lead("2h")!, Lead("15m")!], channels: ["log"]),
        EventDefinition(id: "board", title: "Board meeting", origin: OriginDate("2027-03-26")!,
                        recurrence: .rule(try! RecurrenceRule(parsing: "FREQ=YEARLY;BYMONTH=3,6,9,12;BYDAY=-1FR")), until: LocalDate("2030-12-31"),
                        time: TimeOfDay("16:00"), timeZoneIdentifier: "Europe/Berlin", exdates: [LocalDate("2027-06-25")!], rdates: [LocalDate("2027-07-02")!]),
        EventDefinition(id: "standup", title: "Standup", origin: OriginDate("2027-01-04")!,
                        recurrence: .rule(try! RecurrenceRule(parsing: "FREQ=WEEKLY;COUNT=10;BYDAY=MO,WE,FR")), time: TimeOfDay("09:00"), timeZoneIdentifier: "UTC"),
        EventDefinition(id: "visit", title: "Visit", origin: OriginDate("2027-07-11")!, recurrence: .once, time: TimeOfDay("10:00:30")),
        EventDefinition(id: "naadam_2027", title: "Naadam", origin: OriginDate("2027-07-11")!, recurrence: .yearly, until: LocalDate("2040-07-11"),
                        time: TimeOfDay("10:00"), timeZoneIdentifier: "Australia/Lord_Howe", leapDay: .feb28),
    ]

    var text: String { ICalendarWriter(now: now, leapDay: .feb28).calendar(Self.definitions) }

    @Test func importingTheExportGivesTheSameEvents() throws {
        let result = try ICalendarImporter(now: now).read(Array(text.utf8))
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        var expected = Self.definitions
        // A Feb 29 yearly event that left the choice to the policy is written with the policy's.
        expected[3].leapDay = .feb28
        // A rule event's own last date is written as the rule's UNTIL, the end of that day in UTC.
        expected[5].recurrence = .rule(try RecurrenceRule(parsing: "FREQ=YEARLY;UNTIL=20301231T225959Z;BYMONTH=3,6,9,12;BYDAY=-1FR"))
        expected[5].until = nil
        #expect(result.events.map(\.definition) == expected)
    }

    @Test func linesAreFoldedAt75OctetsAndEndInCRLF() {
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.contains { $0.hasPrefix(" ") }, "the long message is folded")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
    }

    @Test func vtimezonesGiveTheZonesRules() {
        #expect(text.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"))
        #expect(text.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"))
        #expect(text.contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"))
        #expect(text.contains("TZID:Asia/Ulaanbaatar\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800"))
        #expect(text.contains("TZOFFSETFROM:+1030\r\nTZOFFSETTO:+11"), "Lord Howe's half hour")
        #expect(!text.contains("TZID:UTC"), "UTC times end in Z instead")
    }

    /// Python's icalendar reads every event, with its zone, rule, alarms and categories.
    @Test func pythonsIcalendarReadsTheExport() throws {
        guard TestPeer.require(pythonModule: "icalendar") else { return }
        let directory = TemporaryDirectory()
        directory.write("export.ics", text)
        let script = """
            import icalendar, json, sys
            calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            out = []
            for event in calendar.walk('VEVENT'):
                start = event.decoded('DTSTART')
                out.append({
                    'uid': str(event['UID']), 'summary': str(event['SUMMARY']),
                    'start': start.isoformat(), 'zone': str(getattr(start, 'tzinfo', None) or ''),
                    'rrule': event['RRULE'].to_ical().decode() if 'RRULE' in event else None,
                    'alarms': [str(a['TRIGGER'].to_ical().decode()) for a in event.walk('VALARM')],
                    'categories': [str(c) for c in event['CATEGORIES'].cats] if 'CATEGORIES' in event else [],
                })
            print(json.dumps(out))
            """
        let result = try Python.run(script, arguments: [directory.path + "/export.ics"])
        #expect(result.status == 0, "\(result.stderr)")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(events.count == Self.definitions.count)
        let byUID = Dictionary(uniqueKeysWithValues: events.map { ($0["uid"] as! String, $0) })
        #expect(byUID["us-mn-diplomatic-relations"]?["summary"] as? String == "U.S.–Mongolia diplomatic relations")
        #expect(byUID["us-mn-diplomatic-relations"]?["categories"] as? [String] == ["diplomatic", "us-mongolia"])
        #expect(byUID["thanksgiving"]?["start"] as? String == "2000-11-23T18:30:00-05:00")
        #expect((byUID["thanksgiving"]?["zone"] as? String)?.contains("New_York") == true)
        func parts(_ uid: String) -> Set<Substring>? { (byUID[uid]?["rrule"] as? String).map { Set($0.split(separator: ";")) } }
        #expect(parts("thanksgiving") == ["FREQ=YEARLY", "BYMONTH=11", "BYDAY=4TH"])
        #expect(byUID["thanksgiving"]?["alarms"] as? [String] == ["-P1D", "-PT2H", "-PT15M"])
        #expect(byUID["standup"]?["start"] as? String == "2027-01-04T09:00:00+00:00")
        #expect(byUID["dorj"]?["start"] as? String == "1604-03-11")
        // The UID an id stands for (`_20` is a space): the import maps it back to `naadam_2027`.
        #expect(parts("naadam 27") == ["FREQ=YEARLY", "UNTIL=20400711T132959Z"], "23:59:59 at Lord Howe's +10:30")
    }
}
