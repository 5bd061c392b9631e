import Foundation

/// An RFC 5545 recurrence rule (RRULE) at the granularity of days: the event's `at` gives the
/// time of day, so frequencies below a day and BYHOUR, BYMINUTE and BYSECOND are refused when a
/// rule is read (``init(parsing:)``).
///
/// A rule's dates, with the event's date as DTSTART, are expanded by ``RecurrenceSeries``.
public struct RecurrenceRule: Hashable, Sendable {
    public enum Frequency: String, Hashable, Sendable, CaseIterable {
        case yearly = "YEARLY", monthly = "MONTHLY", weekly = "WEEKLY", daily = "DAILY"
    }

    /// A BYDAY entry: a weekday, and with an ordinal the nth one (`4TH`, `-1FR`) in the month or year.
    public struct WeekdayNumber: Hashable, Sendable {
        /// 1…53 or -53…-1; `nil` for every such weekday.
        public var ordinal: Int?
        public var weekday: Weekday

        public init(_ ordinal: Int? = nil, _ weekday: Weekday) {
            self.ordinal = ordinal
            self.weekday = weekday
        }
    }

    /// UNTIL: the last instant the rule may produce, inclusive.
    public enum Until: Hashable, Sendable {
        /// `UNTIL=20271231`: the last local date.
        case date(LocalDate)
        /// `UNTIL=20271231T090000`: a local date and time in the event's zone.
        case local(LocalDate, TimeOfDay)
        /// `UNTIL=20271231T090000Z`: an instant.
        case instant(Date)
    }

    public enum End: Hashable, Sendable {
        case never
        /// COUNT: the number of dates, the event's own date (DTSTART) first.
        case count(Int)
        case until(Until)
    }

    public var frequency: Frequency
    public var interval: Int
    public var end: End
    /// WKST: the day weeks start on, for WEEKLY intervals and BYWEEKNO.
    public var weekStart: Weekday
    public var months: [Int]
    public var weekNumbers: [Int]
    public var yearDays: [Int]
    public var monthDays: [Int]
    public var weekdays: [WeekdayNumber]
    public var setPositions: [Int]

    public init(
        frequency: Frequency, interval: Int = 1, end: End = .never, weekStart: Weekday = .monday,
        months: [Int] = [], weekNumbers: [Int] = [], yearDays: [Int] = [], monthDays: [Int] = [],
        weekdays: [WeekdayNumber] = [], setPositions: [Int] = []
    ) {
        self.frequency = frequency
        self.interval = interval
        self.end = end
        self.weekStart = weekStart
        self.months = months
        self.weekNumbers = weekNumbers
        self.yearDays = yearDays
        self.monthDays = monthDays
        self.weekdays = weekdays
        self.setPositions = setPositions
    }
}
