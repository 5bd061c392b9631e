import Testing
import AnniversaryCore
import Foundation

struct LocalDateTests {
    /// Every month end in a leap and a common year round-trips through day numbers.
    @Test(arguments: [2024, 2026], 1...12)
    func monthEndsRoundTrip(year: Int, month: Int) throws {
        let last = LocalDate.numberOfDays(inMonth: month, year: year)
        let date = try #require(LocalDate(year: year, month: month, day: last))
        #expect(LocalDate(daysSinceEpoch: date.daysSinceEpoch) == date)
        #expect(date.adding(days: 1).day == 1)
        #expect(LocalDate(year: year, month: month, day: last + 1) == nil)
    }

    @Test(arguments: [
        ("1970-01-01", 0), ("1987-01-27", 6235), ("2000-02-29", 11016), ("1899-12-31", -25568),
        ("0001-01-01", -719_162), ("9999-12-31", 2_932_896),
    ])
    func daysSinceEpoch(text: String, days: Int) throws {
        let date = try #require(LocalDate(text))
        #expect(date.daysSinceEpoch == days)
        #expect(LocalDate(daysSinceEpoch: days) == date)
        #expect(date.description == text)
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "2026-1-5", "26-01-05", "2026-00-10", "2025-02-29", "x"])
    func rejectsInvalidDates(text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test(arguments: [("2027-01-27", "Wed"), ("1987-01-27", "Tue"), ("2026-11-29", "Sun"), ("1900-01-01", "Mon")])
    func weekday(text: String, weekday: String) throws {
        #expect(try #require(LocalDate(text)).weekdaySymbol == weekday)
    }

    @Test func originDateWithUnknownYear() throws {
        let origin = try #require(OriginDate("--02-29"))
        #expect(origin.year == nil)
        #expect(origin.isLeapDay)
        #expect(origin.description == "--02-29")
        #expect(OriginDate("--02-30") == nil)
        #expect(OriginDate("1987-01-27")?.year == 1987)
    }

    @Test(arguments: [("09:00", 32400), ("23:59:59", 86399), ("00:00", 0)])
    func parsesTimeOfDay(text: String, seconds: Int) throws {
        #expect(try #require(TimeOfDay(text)).secondsSinceMidnight == seconds)
    }

    @Test(arguments: [
        "24:00", "9:00", "09:60", "09", "09:00:00:00", "ab:cd", "09:00.5", "09:00:00.", "09:00:00.1234", "09:00:00.x",
        "", "09-00", "09:0x", "+9:00", "09:00:6x", "09:00:00,5", "09:00:00.1x", "\u{661}\u{662}:00", "09:00 ",
    ])
    func rejectsInvalidTimes(text: String) {
        #expect(TimeOfDay(text) == nil)
    }

    /// Milliseconds (for timing benchmarks) round-trip and move the instant.
    @Test(arguments: [("09:00:00.25", 250, "09:00:00.250"), ("09:00:01.005", 5, "09:00:01.005"), ("09:00:00.000", 0, "09:00")])
    func readsMilliseconds(text: String, millisecond: Int, description: String) throws {
        let time = try #require(TimeOfDay(text))
        #expect(time.millisecond == millisecond)
        #expect(time.description == description)
        let zone = try #require(TimeZone(identifier: "UTC"))
        let whole = zone.instant(for: LocalDate(year: 2027, month: 1, day: 27)!, at: TimeOfDay(hour: time.hour, minute: time.minute, second: time.second)!)
        #expect(zone.instant(for: LocalDate(year: 2027, month: 1, day: 27)!, at: time) == whole.addingTimeInterval(Double(millisecond) / 1000))
        #expect(TimeOfDay("09:00:00.001")! > TimeOfDay("09:00")!)
    }
}
