import Foundation
import Testing
import AnniversaryCore

/// A rule's series from a start date, at 09:00 UTC unless told.
func makeSeries(
    _ rule: String, from start: String, at time: String = "09:00", zone: String = "UTC", until: String? = nil,
    exdates: [String] = [], rdates: [String] = []
) throws -> RecurrenceSeries {
    RecurrenceSeries(
        rule: try RecurrenceRule(parsing: rule), start: LocalDate(start)!, time: TimeOfDay(time)!,
        timeZone: TimeZone(identifier: zone)!, until: until.map { LocalDate($0)! },
        exdates: exdates.map { LocalDate($0)! }, rdates: rdates.map { LocalDate($0)! }
    )
}

extension RecurrenceSeries {
    /// `"2027-01-04#2"` for each date in a range: date and position together.
    func listed(from first: String, through last: String) -> [String] {
        entries(from: LocalDate(first)!, through: LocalDate(last)!).map { "\($0.date)#\($0.number)" }
    }
}

struct RecurrenceSeriesTests {
    /// RFC 5545 3.8.5.3: DTSTART is the first instance and counts toward COUNT even when the rule
    /// does not match it (dateutil would skip it; we keep it, as the RFC says).
    @Test func aStartTheRuleDoesNotMatchIsFirstAndCounts() throws {
        let series = try makeSeries("FREQ=MONTHLY;BYDAY=1MO;COUNT=3", from: "2026-12-03")
        #expect(series.listed(from: "2026-01-01", through: "2030-01-01") == ["2026-12-03#1", "2026-12-07#2", "2027-01-04#3"])
    }

    @Test func nothingComesBeforeTheStart() throws {
        let series = try makeSeries("FREQ=WEEKLY;BYDAY=MO,FR", from: "2026-12-02")
        #expect(series.listed(from: "2026-11-01", through: "2026-12-07") == ["2026-12-02#1", "2026-12-04#2", "2026-12-07#3"])
    }

    /// EXDATEs remove dates after COUNT is applied (RFC 5545 3.8.5.1), and the positions close up.
    @Test func exdatesRemoveDatesAndRenumber() throws {
        let series = try makeSeries("FREQ=WEEKLY;COUNT=4", from: "2027-01-05", exdates: ["2027-01-12", "2027-03-02"])
        #expect(series.listed(from: "2027-01-01", through: "2027-12-31") == ["2027-01-05#1", "2027-01-19#2", "2027-01-26#3"])
        #expect(try makeSeries("FREQ=DAILY", from: "2027-01-01", exdates: ["2027-01-01"]).listed(from: "2027-01-01", through: "2027-01-02")
            == ["2027-01-02#1"])
    }

    /// RDATEs add dates in order, once even where the rule gives the same date, and beyond COUNT.
    @Test func rdatesAddDatesInOrder() throws {
        let series = try makeSeries(
            "FREQ=MONTHLY;COUNT=3", from: "2027-01-15", until: "2027-06-30",
            rdates: ["2027-02-01", "2027-03-15", "2027-05-01", "2027-07-01", "2026-01-01"]
        )
        #expect(series.listed(from: "2026-01-01", through: "2028-01-01")
            == ["2027-01-15#1", "2027-02-01#2", "2027-02-15#3", "2027-03-15#4", "2027-05-01#5"])
        // Numbers are the same when listing starts in the middle.
        #expect(series.listed(from: "2027-03-01", through: "2028-01-01") == ["2027-03-15#4", "2027-05-01#5"])
    }

    @Test func anExdateCanRemoveAnRdate() throws {
        let series = try makeSeries("FREQ=YEARLY", from: "2027-01-27", exdates: ["2027-06-01"], rdates: ["2027-06-01"])
        #expect(series.listed(from: "2027-01-01", through: "2028-12-31") == ["2027-01-27#1", "2028-01-27#2"])
    }

    /// Dates a month or year does not have are skipped, never moved (RFC 5545 3.3.10).
    @Test func missingDaysAreSkipped() throws {
        #expect(try makeSeries("FREQ=MONTHLY", from: "2027-01-31").listed(from: "2027-01-01", through: "2027-08-31")
            == ["2027-01-31#1", "2027-03-31#2", "2027-05-31#3", "2027-07-31#4", "2027-08-31#5"])
        #expect(try makeSeries("FREQ=YEARLY", from: "2024-02-29").listed(from: "2024-01-01", through: "2032-12-31")
            == ["2024-02-29#1", "2028-02-29#2", "2032-02-29#3"])
        #expect(try makeSeries("FREQ=MONTHLY;BYMONTHDAY=-1", from: "2024-01-31").listed(from: "2024-01-01", through: "2024-04-30")
            == ["2024-01-31#1", "2024-02-29#2", "2024-03-31#3", "2024-04-30#4"])
    }

    /// Positions are counted, not walked: a daily rule begun in 1900 numbers 2026's dates exactly.
    @Test func positionsFarFromTheStart() throws {
        let series = try makeSeries("FREQ=DAILY", from: "1900-01-01")
        let today = LocalDate("2026-12-03")!
        let entry = try #require(series.first(onOrAfter: today))
        #expect(entry.date == today)
        #expect(entry.number == LocalDate("1900-01-01")!.days(to: today) + 1)
        let weekly = try makeSeries("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", from: "1900-01-02")
        var iterator = weekly.makeIterator(from: LocalDate("1900-01-01")!)
        var walked: RecurrenceSeries.Entry?
        while let entry = iterator.next(), entry.date <= LocalDate("1950-06-01")! { walked = entry }
        #expect(weekly.first(onOrAfter: LocalDate("1950-05-01")!).map { $0.number <= walked!.number } == true)
        #expect(weekly.entries(from: walked!.date, through: walked!.date) == [walked!])
    }

    /// UNTIL as a local time includes the last date only when the event's time is not after it;
    /// as a UTC instant, it is compared with the instant of each date in the event's zone.
    @Test(arguments: [
        ("UNTIL=20270105T090000", "UTC", "2027-01-05"),
        ("UNTIL=20270105T085959", "UTC", "2027-01-04"),
        ("UNTIL=20270105", "UTC", "2027-01-05"),
        ("UNTIL=20270105T140000Z", "America/New_York", "2027-01-05"),
        ("UNTIL=20270105T135959Z", "America/New_York", "2027-01-04"),
        ("UNTIL=20270105T010000Z", "Asia/Ulaanbaatar", "2027-01-05"),
    ])
    func untilIsInclusive(_ until: String, zone: String, last: String) throws {
        let series = try makeSeries("FREQ=DAILY;" + until, from: "2027-01-01", zone: zone)
        #expect(series.entries(from: LocalDate("2027-01-01")!, through: LocalDate("2027-12-31")!).last?.date == LocalDate(last)!)
    }

    /// The event's own `until` ends the rule's dates and the RDATEs alike.
    @Test func theEventsUntilEndsEverything() throws {
        let series = try makeSeries("FREQ=WEEKLY", from: "2027-01-01", until: "2027-01-15", rdates: ["2027-01-16"])
        #expect(series.listed(from: "2027-01-01", through: "2027-12-31") == ["2027-01-01#1", "2027-01-08#2", "2027-01-15#3"])
    }

    /// A rule that matches once in decades is found without visiting each empty year.
    @Test func rareDatesAreFound() throws {
        let series = try makeSeries("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", from: "2027-01-01")
        #expect(series.listed(from: "2027-01-02", through: "2060-12-31") == ["2044-02-29#2"])
        #expect(series.first(onOrAfter: LocalDate("2045-01-01")!)?.date == LocalDate("2072-02-29")!)
    }

    @Test func endsBeforeYear10000() throws {
        let series = try makeSeries("FREQ=YEARLY", from: "9990-06-01")
        #expect(series.entries(from: LocalDate("9990-01-01")!, through: LocalDate("9999-12-31")!).count == 10)
        #expect(series.first(onOrAfter: LocalDate("9999-06-02")!) == nil)
    }
}
