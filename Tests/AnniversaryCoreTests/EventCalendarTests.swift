import Foundation
import Testing
import AnniversaryCore

/// An ISO 8601 instant, for readable expectations.
func utc(_ text: String) -> Date {
    try! Date(text, strategy: .iso8601)
}

func makeEvent(
    origin: String,
    at time: String = "09:00",
    zone: String = "UTC",
    leads: [String] = ["0d"],
    recurrence: Recurrence = .yearly,
    leapDay: LeapDayPolicy = .feb28,
    until: String? = nil,
    milestones: Set<Int> = [10, 40]
) -> Event {
    Event(
        id: "e", title: "E", origin: OriginDate(origin)!, recurrence: recurrence, time: TimeOfDay(time)!,
        timeZone: TimeZone(identifier: zone)!, leads: leads.map { Lead($0)! }, leapDay: leapDay,
        until: until.map { LocalDate($0)! }, milestones: milestones
    )
}

struct EventCalendarTests {
    /// Events share their settings between copies, but compare and hash by value.
    @Test func eventsBuiltApartAreEqualByTheirSettings() {
        let event = makeEvent(origin: "1987-01-27", leads: ["7d", "0d"])
        let twin = makeEvent(origin: "1987-01-27", leads: ["0d", "7d", "0d"])
        #expect(event == twin)
        #expect(Set([event, twin]).count == 1)
        #expect(twin.leads == [Lead("7d")!, Lead("0d")!])
        #expect(event != makeEvent(origin: "1987-01-27", leads: ["7d", "0d"], milestones: [40]))
        #expect(event != makeEvent(origin: "1987-01-28", leads: ["7d", "0d"]))
    }

    /// The running example: 39 years in 2026, a 40th milestone in 2027.
    @Test func usMongoliaRelations() throws {
        let event = makeEvent(origin: "1987-01-27", zone: "Asia/Ulaanbaatar")
        let occurrences = event.occurrences(from: LocalDate("2026-01-01")!, through: LocalDate("2027-12-31")!)
        #expect(occurrences.map(\.years) == [39, 40])
        #expect(occurrences.map(\.ordinal) == ["39th", "40th"])
        #expect(occurrences.map(\.isMilestone) == [false, true])
    }

    @Test func originIsOccurrenceZeroWithoutOrdinal() throws {
        let event = makeEvent(origin: "2026-05-01")
        let occurrence = try #require(event.occurrence(inYear: 2026))
        #expect(occurrence.years == 0)
        #expect(occurrence.ordinal == nil)
        #expect(!occurrence.isMilestone)
        #expect(event.occurrence(inYear: 2025) == nil)
    }

    @Test func unknownYearHasNoCount() throws {
        let occurrence = try #require(makeEvent(origin: "--12-31").occurrence(inYear: 1850))
        #expect(occurrence.date == LocalDate("1850-12-31"))
        #expect(occurrence.years == nil)
        #expect(occurrence.ordinal == nil)
    }

    @Test func onceHasOnlyItsOrigin() {
        let event = makeEvent(origin: "2026-05-01", recurrence: .once)
        #expect(event.occurrences(from: LocalDate("2000-01-01")!, through: LocalDate("2100-01-01")!).map(\.date) == [LocalDate("2026-05-01")!])
    }

    @Test func untilEndsTheSeries() {
        let event = makeEvent(origin: "2020-05-01", until: "2023-05-01")
        #expect(event.occurrences(from: LocalDate("2020-01-01")!, through: LocalDate("2030-01-01")!).count == 4)
        #expect(event.nextReminder(after: utc("2024-01-01T00:00:00Z")) == nil)
    }

    /// February 29 origins under both policies, in leap and common years.
    @Test(arguments: [
        (LeapDayPolicy.feb28, 2027, "2027-02-28"), (.mar1, 2027, "2027-03-01"),
        (.feb28, 2028, "2028-02-29"), (.mar1, 2028, "2028-02-29"),
        (.feb28, 2100, "2100-02-28"), (.mar1, 2100, "2100-03-01"), (.feb28, 2400, "2400-02-29"),
    ])
    func leapDayOrigins(policy: LeapDayPolicy, year: Int, expected: String) throws {
        for origin in ["2024-02-29", "--02-29"] {
            let event = makeEvent(origin: origin, leapDay: policy)
            #expect(try #require(event.occurrence(inYear: year)).date == LocalDate(expected))
        }
    }

    /// Month ends keep their day every year; only Feb 29 moves.
    @Test(arguments: ["2000-01-31", "2000-03-31", "2000-04-30", "2000-06-30", "2000-12-31", "2001-02-28"])
    func monthEndOrigins(origin: String) throws {
        let event = makeEvent(origin: origin)
        for year in [2025, 2026, 2027, 2028] {
            let date = try #require(event.occurrence(inYear: year)).date
            #expect((date.month, date.day) == (event.origin.month, event.origin.day))
        }
    }

    /// Local times in DST gaps fire with the offset before the gap; in overlaps at the first instant.
    @Test(arguments: [
        ("America/New_York", "2026-03-08", "02:30", "2026-03-08T07:30:00Z"),  // gap: 03:30 EDT
        ("America/New_York", "2026-03-08", "09:00", "2026-03-08T13:00:00Z"),
        ("America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00Z"),  // overlap: first, EDT
        ("America/New_York", "2026-11-01", "02:30", "2026-11-01T07:30:00Z"),
        ("Europe/London", "2026-03-29", "01:30", "2026-03-29T01:30:00Z"),     // gap: 02:30 BST
        ("Europe/London", "2026-10-25", "01:30", "2026-10-25T00:30:00Z"),     // overlap: first, BST
        ("Europe/London", "2026-07-01", "09:00", "2026-07-01T08:00:00Z"),
        ("Australia/Lord_Howe", "2026-10-04", "02:15", "2026-10-03T15:45:00Z"), // 30-minute gap
        ("Australia/Lord_Howe", "2026-04-05", "01:45", "2026-04-04T14:45:00Z"), // 30-minute overlap
        ("Asia/Kolkata", "2026-01-27", "09:00", "2026-01-27T03:30:00Z"),
        ("Asia/Ulaanbaatar", "2026-01-27", "09:00", "2026-01-27T01:00:00Z"),
        ("Asia/Ulaanbaatar", "2015-07-11", "09:00", "2015-07-11T00:00:00Z"),  // DST in 2015
        ("Asia/Ulaanbaatar", "2015-03-28", "02:30", "2015-03-27T18:30:00Z"),  // 2015 gap
        ("Asia/Ulaanbaatar", "2016-09-23", "23:30", "2016-09-23T14:30:00Z"),  // 2016 overlap
        ("Asia/Ulaanbaatar", "2017-07-11", "09:00", "2017-07-11T01:00:00Z"),  // no DST since
    ])
    func instantInZone(zone: String, date: String, time: String, expected: String) throws {
        let instant = TimeZone(identifier: zone)!.instant(for: LocalDate(date)!, at: TimeOfDay(time)!)
        #expect(instant == utc(expected))
    }

    /// Day leads count calendar days and keep the local time; hour leads are exact durations.
    @Test(arguments: [
        // A week ahead across New York's spring-forward: still 09:00 local, EST then.
        ("2026-03-10", "America/New_York", "09:00", "7d", "2026-03-03T14:00:00Z"),
        ("2026-03-10", "America/New_York", "09:00", "1w", "2026-03-03T14:00:00Z"),
        // Crossing a month and a year.
        ("2026-03-01", "UTC", "09:00", "1d", "2026-02-28T09:00:00Z"),
        ("2028-03-01", "UTC", "09:00", "1d", "2028-02-29T09:00:00Z"),
        ("2027-01-03", "Asia/Ulaanbaatar", "09:00", "7d", "2026-12-27T01:00:00Z"),
        ("2027-01-27", "Asia/Ulaanbaatar", "09:00", "30d", "2026-12-28T01:00:00Z"),
        // Hours before 09:00 on the day after fall-back: exactly 24 h.
        ("2026-11-02", "America/New_York", "09:00", "24h", "2026-11-01T14:00:00Z"),
        ("2026-01-27", "Asia/Kolkata", "00:10", "30m", "2026-01-26T18:10:00Z"),
    ])
    func leadInstants(occurrence: String, zone: String, time: String, lead: String, expected: String) throws {
        let event = makeEvent(origin: occurrence, at: time, zone: zone, leads: [lead])
        let occurrence = try #require(event.occurrence(inYear: LocalDate(occurrence)!.year))
        #expect(event.reminders(for: occurrence).map(\.instant) == [utc(expected)])
    }

    @Test func remindersAreEarliestFirst() throws {
        let event = makeEvent(origin: "1987-01-27", zone: "Asia/Ulaanbaatar", leads: ["0d", "30d", "1h", "7d"])
        let reminders = event.reminders(for: try #require(event.occurrence(inYear: 2027)))
        #expect(reminders.map(\.lead.description) == ["30d", "7d", "1h", "0d"])
        #expect(reminders.map(\.instant) == reminders.map(\.instant).sorted())
    }

    @Test(arguments: ["1850-06-15", "1899-12-31", "1700-02-28"])
    func originsBefore1900(origin: String) throws {
        let event = makeEvent(origin: origin, zone: "Europe/London")
        let occurrence = try #require(event.occurrence(inYear: 2026))
        #expect(occurrence.years == 2026 - event.origin.year!)
        #expect(event.reminders(for: occurrence).first?.instant == utc("2026-\(origin.dropFirst(5))T08:00:00Z") ||
                event.reminders(for: occurrence).first?.instant == utc("2026-\(origin.dropFirst(5))T09:00:00Z"))
    }

    @Test func datesUpToYear9999() throws {
        let event = makeEvent(origin: "1987-12-31", zone: "America/New_York")
        let occurrence = try #require(event.occurrence(inYear: 9999))
        #expect(occurrence.years == 8012)
        #expect(event.reminders(for: occurrence).first?.instant == utc("9999-12-31T14:00:00Z"))
        #expect(event.occurrence(inYear: 10000) == nil)
        #expect(event.nextReminder(after: utc("9999-12-31T15:00:00Z")) == nil)
    }

    // MARK: - Windows

    @Test func remindersInHalfOpenWindow() {
        let event = makeEvent(origin: "1987-01-27", zone: "Asia/Ulaanbaatar", leads: ["7d", "0d"])
        let instants = event.reminders(after: utc("2027-01-20T01:00:00Z"), through: utc("2027-01-27T01:00:00Z")).map(\.instant)
        // The 7-day reminder at exactly the window's start is excluded; the one at its end included.
        #expect(instants == [utc("2027-01-27T01:00:00Z")])
    }

    @Test(arguments: [
        ("2026-11-29T00:00:00Z", "2026-12-28T01:00:00Z", "30d"),
        ("2026-12-28T01:00:00Z", "2027-01-20T01:00:00Z", "7d"),
        ("2027-01-20T01:00:00Z", "2027-01-27T01:00:00Z", "0d"),
        ("2027-01-27T01:00:00Z", "2027-12-28T01:00:00Z", "30d"),
    ])
    func nextReminder(after: String, expected: String, lead: String) throws {
        let event = makeEvent(origin: "1987-01-27", zone: "Asia/Ulaanbaatar", leads: ["30d", "7d", "0d"])
        let next = try #require(event.nextReminder(after: utc(after)))
        #expect(next.instant == utc(expected))
        #expect(next.lead.description == lead)
    }

    /// Stepping through a century with `nextReminder` finds exactly what the window query finds.
    @Test(arguments: ["America/New_York", "Europe/London", "Australia/Lord_Howe"])
    func nextReminderAgreesWithWindow(zone: String) {
        let event = makeEvent(origin: "2000-02-29", at: "02:30", zone: zone, leads: ["1w", "1d", "3h", "0d"], leapDay: .mar1)
        let start = utc("2000-01-01T00:00:00Z"), end = utc("2100-12-31T00:00:00Z")
        var stepped: [Date] = []
        var cursor = start
        while let next = event.nextReminder(after: cursor), next.instant <= end {
            stepped.append(next.instant)
            cursor = next.instant
        }
        #expect(stepped == event.reminders(after: start, through: end).map(\.instant))
        #expect(stepped.count == 101 * 4)
    }
}
