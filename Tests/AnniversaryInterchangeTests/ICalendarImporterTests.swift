import AnniversaryCore
import AnniversaryInterchange
import Foundation
import Testing

/// Client exports read as events: every property the import keeps, and what it says it cannot.
struct ICalendarImporterTests {
    /// VTIMEZONEs are matched with IANA zones around this time.
    let importer = ICalendarImporter(now: Date(timeIntervalSince1970: 1_796_083_200))  // 2026-12-01

    func events(_ bytes: [UInt8]) throws -> (events: [String: EventDefinition], warnings: [String]) {
        let result = try importer.read(bytes)
        return (Dictionary(uniqueKeysWithValues: result.events.map { ($0.definition.id, $0.definition) }), result.warnings.map(\.description))
    }

    func rule(_ text: String) throws -> Recurrence { .rule(try RecurrenceRule(parsing: text)) }

    @Test func google() throws {
        let (events, warnings) = try events(ClientExports.google)
        let relations = try #require(events["7kukuqrfedlm2f9t8fvd6iugtc_40google.com"])
        #expect(relations.title == "U.S.–Mongolia diplomatic relations")
        #expect(relations.origin == OriginDate("1987-01-27"))
        #expect(relations.recurrence == .yearly, "a plain yearly rule counts years")
        #expect(relations.time == nil && relations.timeZoneIdentifier == nil, "all-day: the configured time and zone")
        #expect(relations.notes == "Established in Ulaanbaatar, 27 January 1987.\nSee the article.")
        let choir = try #require(events["3f9a0c1e2b_40google.com"])
        #expect(choir.recurrence == (try rule("FREQ=WEEKLY;WKST=MO;BYDAY=TU")))
        #expect(choir.time == TimeOfDay("19:00") && choir.timeZoneIdentifier == "Asia/Ulaanbaatar")
        #expect(choir.leads == [Lead("30m")!])
        // The EXDATE, and the override that moved 02-03 to 02-04 at the same time.
        #expect(choir.exdates == [LocalDate("2026-01-20")!, LocalDate("2026-02-03")!])
        #expect(choir.rdates == [LocalDate("2026-02-04")!])
        #expect(warnings.isEmpty, "\(warnings)")
    }

    @Test func outlook() throws {
        let (events, warnings) = try events(ClientExports.outlook)
        let board = try #require(events["0_3040000008200E00074C5B7101A82E00800000000D0F0E1C2B3A4D801000000000000000010000000"])
        #expect(board.timeZoneIdentifier == "Europe/Berlin", "W. Europe Standard Time, through CLDR")
        #expect(board.recurrence == (try rule("FREQ=MONTHLY;COUNT=8;INTERVAL=3;BYDAY=FR;BYSETPOS=-1")))
        #expect(board.time == TimeOfDay("16:00") && board.leads == [Lead("15m")!])
        let sydney = try #require(events["0_3040000008200E00074C5B7101A82E00800000000AABBCCDD"])
        #expect(sydney.timeZoneIdentifier == "Australia/Melbourne", "the first city the display name gives whose zone matches the VTIMEZONE")
        #expect(sydney.recurrence == .once && sydney.leads == [Lead("1d")!])
        #expect(events["naadam-2027"]?.timeZoneIdentifier == "Asia/Ulaanbaatar", "Ulaanbaatar Standard Time, with no VTIMEZONE")
        #expect(warnings.isEmpty, "\(warnings)")
    }

    @Test func apple() throws {
        let (events, warnings) = try events(ClientExports.apple)
        let birthday = try #require(events["D8A3C1B2-1F2E-4D5C-9B8A-7F6E5D4C3B2A"])
        #expect(birthday.origin == OriginDate("--03-11"), "year 1604 with X-APPLE-OMIT-YEAR is no year")
        #expect(birthday.recurrence == .yearly && birthday.tags == ["Birthdays"])
        #expect(birthday.leads == [Lead("1d")!], "15 hours before an all-day event's midnight is the day before")
        let close = try #require(events["A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF"])
        #expect(close.recurrence == (try rule("FREQ=MONTHLY;BYMONTHDAY=-1")))
        #expect(close.time == TimeOfDay("01:30") && close.timeZoneIdentifier == "Europe/London", "a time in the DST gap is kept as written")
        #expect(close.leads == nil)
        #expect(warnings == [#"line 20: event "A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF" (Month-end close): not kept: an alarm at a fixed time (TRIGGER 20260328T120000Z) (line 25)"#])
    }

    @Test func thunderbird() throws {
        let (events, warnings) = try events(ClientExports.thunderbird)
        let sync = try #require(events["6d3c0a8e-1b2f-4c5d-9e8f-0a1b2c3d4e5f"])
        #expect(sync.timeZoneIdentifier == "America/New_York", "the IANA name at the end of Mozilla's path")
        #expect(sync.tags == ["Work", "Meetings"])
        #expect(sync.recurrence == (try rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")))
        #expect(sync.origin == OriginDate("2026-09-08") && sync.time == TimeOfDay("09:30") && sync.leads == [Lead("15m")!])
        #expect(warnings.isEmpty)
    }

    @Test func nextcloud() throws {
        let (events, warnings) = try events(ClientExports.nextcloud)
        let run = try #require(events["b1f6e3a0-3c1d-4e2f-8a9b-0c1d2e3f4a5b"])
        #expect(run.recurrence == (try rule("FREQ=DAILY;UNTIL=20260131T063000Z;BYDAY=MO,WE,FR")))
        #expect(run.exdates == [LocalDate("2026-01-14")!], "the cancelled occurrence")
        #expect(run.leads == [.onTheDay])
        #expect(warnings == ["line 47: not imported: 1 VTODO component is not an event (VEVENT)"])
    }

    @Test func whatCannotBeKeptIsOneWarningPerEvent() throws {
        let file = ClientExports.crlf("""
            BEGIN:VCALENDAR
            BEGIN:VEVENT
            UID:a
            SUMMARY:Standup
            DTSTART:20270104T090000Z
            RRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=0
            EXRULE:FREQ=WEEKLY;BYDAY=SA,SU
            RDATE:20270110T100000Z
            BEGIN:VALARM
            TRIGGER;RELATED=END:-PT5M
            END:VALARM
            BEGIN:VALARM
            TRIGGER:PT5M
            END:VALARM
            END:VEVENT
            BEGIN:VEVENT
            UID:a
            RECURRENCE-ID:20270105T090000Z
            DTSTART:20270105T113000Z
            SUMMARY:Standup, later
            END:VEVENT
            BEGIN:VEVENT
            UID:b
            SUMMARY:Every hour
            DTSTART:20270104T090000Z
            RRULE:FREQ=HOURLY
            END:VEVENT
            END:VCALENDAR
            """)
        let (events, warnings) = try events(file)
        #expect(events["a"]?.recurrence == (try rule("FREQ=DAILY")), "BYHOUR and BYMINUTE that repeat DTSTART's time say nothing more")
        #expect(events["a"]?.timeZoneIdentifier == "UTC")
        #expect(events["b"] == nil)
        #expect(warnings == [
            #"line 2: event "a" (Standup): not kept: EXRULE (line 7; RFC 5545 deprecates it); RDATE 20270110T100000Z (line 8), not at the event's time of day; the override of 20270105T090000Z (line 16): moved to 20270105T113000Z, a title of its own; an alarm relative to the event's end (TRIGGER;RELATED=END:-PT5M) (line 9); an alarm after the event's start (TRIGGER PT5M) (line 12)"#,
            #"line 22: event "b" (Every hour): not imported: its RRULE repeats within a day (FREQ=HOURLY); an event here has one time of day"#,
        ])
    }

    @Test(arguments: [
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:2027-01-27\nEND:VEVENT\nEND:VCALENDAR\n",
         "line 4: DTSTART \"2027-01-27\" is not a DATE (20270127) or DATE-TIME (20270127T090000, …Z for UTC)"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20270127\nRRULE:FREQ=MONTHLY;\n BYDAY=5XX\nEND:VEVENT\nEND:VCALENDAR\n",
         "line 5: RRULE: BYDAY=5XX: \"XX\" is not a weekday; use MO, TU, WE, TH, FR, SA or SU"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART;TZID=Mars/Olympus:20270127T090000\nEND:VEVENT\nEND:VCALENDAR\n",
         "line 4: time zone \"Mars/Olympus\" is neither an IANA nor a Windows name, and the file has no VTIMEZONE for it"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20270127\nEND:VEVENT\nBEGIN:VEVENT\nUID:a\nDTSTART:20270128\nEND:VEVENT\n",
         "line 1: BEGIN:VCALENDAR is never closed by END:VCALENDAR"),
        ("BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n", "line 1: BEGIN:VCARD: this is an address book (vCard); import it as a .vcf file"),
        ("", "line 1: no BEGIN:VCALENDAR: the file holds no calendar"),
    ])
    func malformedFilesAreOneErrorAtItsLine(text: String, error: String) {
        #expect(Result { try importer.read(Array(text.utf8)) }.failureDescription == error)
    }

    /// A VTIMEZONE whose TZID names no zone is matched by its offsets; Outlook's rules for
    /// Brazil's summer time, which ended in 2019, are matched in the year the event uses them.
    @Test func vtimezonesAreMatchedByTheirOffsets() throws {
        let file = ClientExports.crlf("""
            BEGIN:VCALENDAR
            BEGIN:VTIMEZONE
            TZID:Custom Mongolia
            BEGIN:STANDARD
            DTSTART:16010101T000000
            TZOFFSETFROM:+0800
            TZOFFSETTO:+0800
            END:STANDARD
            END:VTIMEZONE
            BEGIN:VTIMEZONE
            TZID:(UTC-03:00) Brasília
            BEGIN:STANDARD
            DTSTART:16010101T235959
            TZOFFSETFROM:-0200
            TZOFFSETTO:-0300
            RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=3SA;BYMONTH=2
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:16010101T235959
            TZOFFSETFROM:-0300
            TZOFFSETTO:-0200
            RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SA;BYMONTH=10
            END:DAYLIGHT
            END:VTIMEZONE
            BEGIN:VEVENT
            UID:a
            DTSTART;TZID=Custom Mongolia:20270127T090000
            END:VEVENT
            BEGIN:VEVENT
            UID:b
            DTSTART;TZID="(UTC-03:00) Brasília":20170511T133000
            END:VEVENT
            END:VCALENDAR
            """)
        let (events, _) = try events(file)
        let identifier = try #require(events["a"]?.timeZoneIdentifier)
        let mongolia = try #require(TimeZone(identifier: identifier))
        #expect(mongolia.secondsFromGMT(for: Date(timeIntervalSince1970: 1_800_000_000)) == 8 * 3600)
        #expect(events["b"]?.timeZoneIdentifier == "America/Sao_Paulo")
    }
}

extension Result where Success == ImportResult, Failure == any Error {
    init(_ body: () throws -> ImportResult) {
        do { self = .success(try body()) } catch { self = .failure(error) }
    }

    var failureDescription: String? {
        if case .failure(let error) = self { return "\(error)" }
        return nil
    }
}
