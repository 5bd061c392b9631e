import AnniversaryInterchange
import AnniversaryTesting
import Foundation
import Testing

/// The test calendars PyPI's `icalendar` and `recurring-ical-events` ship (about 250, many from
/// client exports and bug reports): each imports, or is refused for the reason listed here.
struct CalendarCorpusTests {
    /// Files refused, each for a reason a reader of the file can check: broken syntax, a date that
    /// is not one, a rule that is not RFC 5545, a zone nothing names. Nothing else may fail.
    static let refusals: [String: String] = [
        "big_bad_calendar.ics": "BEGIN:VCALENDAR is never closed",          // truncated
        "small_bad_calendar.ics": "BEGIN:VCALENDAR is never closed",
        "pr_480_summary_with_colon.ics": "BEGIN:VCALENDAR is never closed",
        "broken_dtstart.ics": #"DTSTART "INVALID-DATE" is not a DATE"#,
        "issue_1081_invalid_start_and_end.ics": #"DTSTART "INVALID-DATE" is not a DATE"#,
        "issue_1081_invalid_start_valid_end.ics": #"DTSTART "INVALID-DATE" is not a DATE"#,
        "broken_ical.ics": "DTSTART: expected a parameter name after ';'",  // DTSTART;;VALUE=…
        "fuzz_testcase_0_char_in_component_name.ics": "control character U+0000",
        "fuzz_testcase_vtimezone_lone_cr.ics": "control character U+000C",
        "fuzz_testcase_invalid_month.ics": "BEGIN:V is never closed",
        "issue_1081_invalid_rrule_freq.ics": "RRULE: FREQ=INVALID_TYPE_CAUSES_ERROR is not a frequency",
        "issue_526_calendar_with_different_events.ics": #"time zone "Western/Central Europe" is neither"#,
        "issue_526_calendar_with_event_subset.ics": #"time zone "Western/Central Europe" is neither"#,
        "issue_526_calendar_with_events.ics": #"time zone "Western/Central Europe" is neither"#,
        "issue_526_calendar_with_shuffeled_events.ics": #"time zone "Western/Central Europe" is neither"#,
        "issue_722_missing_VTIMEZONE_custom.ics": #"time zone "CUSTOM_tzid" is neither"#,
        "parsing_error_in_UTC_offset.ics": #"TZOFFSETFROM "+5744" is not a UTC offset"#,
        "timezone_same_start_and_offset.ics": "END:VCALENDARD closes BEGIN:VCALENDAR",
        "issue_464_invalid_rdate.ics": #"RDATE "199709T180000Z/PT5H30M" is not a DATE"#,
        "bad_rrule_missing_until_event.ics": "RRULE: UNTL is not a rule part",
        "issue_128_only_first_event.ics": "RRULE: COUNT=-1: expected a positive whole number",
        "issue_201_test_matrix.ics": "END:VTOOD closes BEGIN:VTODO",
    ]

    @Test func everyCalendarImportsOrIsRefusedForItsListedReason() throws {
        guard TestPeer.require(pythonModule: "icalendar"), TestPeer.require(pythonModule: "recurring_ical_events", distribution: "recurring-ical-events")
        else { return }
        let folders = try Python.run("import icalendar, recurring_ical_events, os; print(os.path.dirname(icalendar.__file__)); print(os.path.dirname(recurring_ical_events.__file__))")
        var files: [String] = []
        for folder in folders.stdout.split(separator: "\n") {
            let enumerator = FileManager.default.enumerator(atPath: String(folder))
            while let path = enumerator?.nextObject() as? String {
                if path.hasSuffix(".ics") { files.append("\(folder)/\(path)") }
            }
        }
        #expect(files.count >= 250, "the corpus shrank: \(files.count) files")
        let importer = ICalendarImporter(now: Date(timeIntervalSince1970: 1_796_083_200))
        var imported = 0, events = 0
        var refusedNames: Set<String> = []
        for file in files.sorted() {
            let name = (file as NSString).lastPathComponent
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            do {
                events += try importer.read(bytes).events.count
                imported += 1
                #expect(Self.refusals[name] == nil, "\(name) imported, but is listed as refused")
            } catch {
                refusedNames.insert(name)
                let expected = try #require(Self.refusals[name], "\(name) refused: \(error)")
                #expect(error.message.contains(expected), "\(name): \(error)")
            }
        }
        #expect(refusedNames == Set(Self.refusals.keys))
        #expect(imported >= files.count - Self.refusals.count && events > 400, "\(imported) files, \(events) events")
    }
}
