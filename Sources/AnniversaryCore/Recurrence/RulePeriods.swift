/// A rule with what it leaves to DTSTART filled in, cut into periods (years, months, weeks or
/// days, by its frequency), each of which gives a sorted set of dates.
///
/// Periods are numbered absolutely (the year; months, weeks or days counted from a fixed
/// origin), so the periods of any two events with the same effective rule line up, and period
/// `a + cycle` has the same calendar as period `a`: the Gregorian calendar repeats every 400
/// years, which is 4800 months, 20871 weeks and 146097 days.
struct RulePeriods: Hashable, Sendable {
    let frequency: RecurrenceRule.Frequency
    let weekStart: Weekday
    /// A bit per month, 1 << month; 0 for any month.
    let months: UInt16
    let weekNumbers: [Int]
    let yearDays: [Int]
    let monthDays: [Int]
    /// A bit per weekday, 1 << isoWeekday, for BYDAY entries without an ordinal.
    let everyWeekday: UInt8
    let numberedWeekdays: [RecurrenceRule.WeekdayNumber]
    let setPositions: [Int]

    /// The rule as it applies to a series starting on `start` (RFC 5545 3.3.10: parts the rule
    /// leaves out are taken from DTSTART).
    init(_ rule: RecurrenceRule, start: LocalDate) {
        var months = rule.months
        var monthDays = rule.monthDays
        var weekdays = rule.weekdays
        if rule.weekNumbers.isEmpty, rule.yearDays.isEmpty, rule.monthDays.isEmpty, rule.weekdays.isEmpty {
            switch rule.frequency {
            case .yearly:
                if months.isEmpty { months = [start.month] }
                monthDays = [start.day]
            case .monthly: monthDays = [start.day]
            case .weekly: weekdays = [.init(nil, start.weekday)]
            case .daily: break
            }
        }
        var frequency = rule.frequency
        var setPositions = rule.setPositions
        if frequency == .daily, rule.interval == 1, !(months.isEmpty && monthDays.isEmpty && weekdays.isEmpty),
           setPositions.isEmpty || setPositions.contains(1) || setPositions.contains(-1) {
            // Every day, filtered, is the same series as every month, filtered: months make a
            // table of 4800 periods where days would make one of 146,097. Each day is a set of
            // one date, which BYSETPOS=1 or -1 leaves as it is.
            frequency = .monthly
            setPositions = []
        }
        self.frequency = frequency
        weekStart = rule.weekStart
        self.months = months.reduce(0) { $0 | 1 << UInt16($1) }
        weekNumbers = rule.weekNumbers
        yearDays = rule.yearDays
        self.monthDays = monthDays
        everyWeekday = weekdays.filter { $0.ordinal == nil }.reduce(0) { $0 | 1 << UInt8($1.weekday.rawValue) }
        numberedWeekdays = weekdays.filter { $0.ordinal != nil }
        self.setPositions = setPositions
    }

    // MARK: Periods

    /// Periods in one repeat of the calendar.
    var cycle: Int {
        switch frequency {
        case .yearly: 400
        case .monthly: 4800
        case .weekly: 20871
        case .daily: 146_097
        }
    }

    /// The period a date lies in.
    func period(of date: LocalDate) -> Int {
        switch frequency {
        case .yearly: date.year
        case .monthly: date.year * 12 + date.month - 1
        case .weekly: (weekStartDay(of: date.daysSinceEpoch) - firstWeekStartDay).floorDivided(by: 7)
        case .daily: date.daysSinceEpoch
        }
    }

    /// The first and last day (days since 1970-01-01) of a period; `nil` outside years 1…9999.
    func days(ofPeriod period: Int) -> ClosedRange<Int>? {
        switch frequency {
        case .yearly:
            guard let first = LocalDate(year: period, month: 1, day: 1) else { return nil }
            return first.daysSinceEpoch...LocalDate(year: period, month: 12, day: 31)!.daysSinceEpoch
        case .monthly:
            let year = period.floorDivided(by: 12), month = period.floorModulo(12) + 1
            guard let first = LocalDate(year: year, month: month, day: 1) else { return nil }
            return first.daysSinceEpoch...first.daysSinceEpoch + LocalDate.numberOfDays(inMonth: month, year: year) - 1
        case .weekly:
            let first = firstWeekStartDay + period * 7
            return Self.validDays.contains(first) && Self.validDays.contains(first + 6) ? first...first + 6 : nil
        case .daily:
            return Self.validDays.contains(period) ? period...period : nil
        }
    }

    /// The dates of a period, in order, matched day by day (``PeriodCounts`` keeps them per kind
    /// of period, which is what series read).
    func dates(inPeriod period: Int) -> [LocalDate] {
        guard let days = days(ofPeriod: period) else { return [] }
        var dates: [LocalDate] = []
        // Month by month, walked without converting dates: what a day is matched on follows from
        // its month's facts and its number.
        let start = LocalDate(daysSinceEpoch: days.lowerBound)
        var (year, month, firstDay, day) = (start.year, start.month, start.day, days.lowerBound)
        var weeks: YearWeeks?
        while day <= days.upperBound {
            let length = LocalDate.numberOfDays(inMonth: month, year: year)
            let last = min(length, firstDay + days.upperBound - day)
            // A month outside BYMONTH is skipped whole.
            if months == 0 || months & 1 << UInt16(month) != 0 {
                if !weekNumbers.isEmpty, weeks?.year != year { weeks = yearWeeks(year) }
                let facts = Month(year: year, month: month, length: length, firstDay: day - firstDay + 1, weekStart: weekStart, weeks: weeks)
                for dayOfMonth in firstDay...last where matches(dayOfMonth, in: facts) {
                    dates.append(LocalDate(year: year, month: month, day: dayOfMonth)!)
                }
            }
            day += last - firstDay + 1
            firstDay = 1
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        guard !setPositions.isEmpty else { return dates }
        var picked: [LocalDate] = []
        for position in setPositions {
            let index = position > 0 ? position - 1 : dates.count + position
            if dates.indices.contains(index), !picked.contains(dates[index]) { picked.append(dates[index]) }
        }
        return picked.sorted()
    }

    /// The number of dates in a period.
    func count(inPeriod period: Int) -> Int {
        dates(inPeriod: period).count
    }

    /// A key for what a period's dates depend on, when it is shorter than the period: periods
    /// with the same key have as many dates. A year's depend on its length, the weekday it starts
    /// on and, through week numbers, the lengths of the years beside it; a month's on its number,
    /// length and first weekday; a week's on the month each of its days is in. `nil` for days.
    func calendarKey(ofPeriod period: Int) -> Int? {
        guard let days = days(ofPeriod: period) else { return nil }
        let first = LocalDate(daysSinceEpoch: days.lowerBound)
        let leap = { (year: Int) in LocalDate.isLeapYear(year) ? 1 : 0 }
        switch frequency {
        case .yearly: return first.isoWeekday << 3 | leap(period - 1) << 2 | leap(period) << 1 | leap(period + 1)
        case .monthly: return (first.month << 1 | leap(first.year)) << 3 | first.isoWeekday
        case .weekly:
            let last = LocalDate(daysSinceEpoch: days.upperBound)
            return first.month << 3 | (last.month == first.month ? 7 : 7 - last.day)
        case .daily: return nil
        }
    }

    /// When every period has the same number of dates, that number: DAILY and WEEKLY rules that
    /// do not depend on the month.
    var constantCount: Int? {
        switch frequency {
        case .daily where months == 0 && monthDays.isEmpty && everyWeekday == 0 && numberedWeekdays.isEmpty: 1
        case .weekly where months == 0: count(inPeriod: 0)
        default: nil
        }
    }

    // MARK: Matching a Day

    /// What matching the days of a month needs, worked out once for the month.
    private struct Month {
        let length: Int
        let yearLength: Int
        /// The day of the year of the month's first day.
        let firstDayOfYear: Int
        /// The ISO weekday of the month's first day, 1 = Monday.
        let firstWeekday: Int
        /// The month's first day, in days since 1970-01-01.
        let firstDay: Int
        let weekStart: Weekday
        /// For a rule with BYWEEKNO, where the weeks of the month's year start.
        let weeks: YearWeeks?

        init(year: Int, month: Int, length: Int, firstDay: Int, weekStart: Weekday, weeks: YearWeeks?) {
            self.length = length
            let isLeap = LocalDate.isLeapYear(year)
            yearLength = isLeap ? 366 : 365
            firstDayOfYear = Self.daysBefore[month - 1] + (isLeap && month > 2 ? 1 : 0) + 1
            // 1970-01-01 was a Thursday (4).
            firstWeekday = ((firstDay % 7 + 7) % 7 + 3) % 7 + 1
            self.firstDay = firstDay
            self.weekStart = weekStart
            self.weeks = weeks
        }

        /// Days in a common year before each month.
        private static let daysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

        func weekday(of day: Int) -> Int { (firstWeekday + day - 2) % 7 + 1 }

        /// The number of the week day `day` is in; only for a rule with BYWEEKNO.
        func week(of day: Int) -> (number: Int, weeksInYear: Int) {
            let date = firstDay + day - 1
            return weeks!.week(startingOn: date - (weekday(of: day) - weekStart.rawValue + 7) % 7)
        }
    }

    /// Where week 1 of a year and of the years either side start (days since 1970-01-01), by
    /// RFC 5545's numbering: weeks start on WKST, and week 1 is the first with at least four days
    /// in the year, so a week can belong to the year before or the next.
    private struct YearWeeks {
        let year: Int
        let previous: Int, first: Int, next: Int, following: Int

        func week(startingOn start: Int) -> (number: Int, weeksInYear: Int) {
            if start < first { return ((start - previous) / 7 + 1, (first - previous) / 7) }
            if start >= next { return ((start - next) / 7 + 1, (following - next) / 7) }
            return ((start - first) / 7 + 1, (next - first) / 7)
        }
    }

    private func yearWeeks(_ year: Int) -> YearWeeks {
        YearWeeks(
            year: year, previous: firstWeekStartDay(ofYear: year - 1), first: firstWeekStartDay(ofYear: year),
            next: firstWeekStartDay(ofYear: year + 1), following: firstWeekStartDay(ofYear: year + 2)
        )
    }

    /// Whether day `day` of `month` is one of the rule's, BYSETPOS aside.
    private func matches(_ day: Int, in month: Month) -> Bool {
        if !monthDays.isEmpty {
            guard monthDays.contains(where: { $0 == day || $0 == day - month.length - 1 }) else { return false }
        }
        if !yearDays.isEmpty {
            let dayOfYear = month.firstDayOfYear + day - 1
            guard yearDays.contains(where: { $0 == dayOfYear || $0 == dayOfYear - month.yearLength - 1 }) else { return false }
        }
        if !weekNumbers.isEmpty {
            let week = month.week(of: day)
            guard weekNumbers.contains(where: { $0 == week.number || $0 == week.number - week.weeksInYear - 1 }) else { return false }
        }
        if everyWeekday != 0 || !numberedWeekdays.isEmpty {
            let weekday = month.weekday(of: day)
            if everyWeekday & 1 << UInt8(weekday) != 0 { return true }
            return numberedWeekdays.contains { isNumbered($0, day, weekday: weekday, in: month) }
        }
        return true
    }

    /// Whether the day is the nth such weekday of its month (MONTHLY, or YEARLY with BYMONTH)
    /// or of its year (YEARLY otherwise).
    private func isNumbered(_ entry: RecurrenceRule.WeekdayNumber, _ day: Int, weekday: Int, in month: Month) -> Bool {
        guard entry.weekday.rawValue == weekday, let ordinal = entry.ordinal else { return false }
        let (index, length) = frequency == .monthly || months != 0
            ? (day, month.length)
            : (month.firstDayOfYear + day - 1, month.yearLength)
        return ordinal > 0 ? (index - 1) / 7 + 1 == ordinal : (length - index) / 7 + 1 == -ordinal
    }

    private func firstWeekStartDay(ofYear year: Int) -> Int {
        // Week 1 holds January 4 whatever day weeks start on.
        let january4 = (LocalDate(year: min(max(year, 1), 9999), month: 1, day: 4)?.daysSinceEpoch ?? 0) + (year > 9999 ? 365 : 0)
        return weekStartDay(of: january4)
    }

    private func weekStartDay(of day: Int) -> Int {
        let weekday = LocalDate(daysSinceEpoch: day).isoWeekday
        return day - (weekday - weekStart.rawValue + 7) % 7
    }

    /// The first day on or after 1970-01-01 that starts a week: weeks are counted from there.
    private var firstWeekStartDay: Int {
        // 1970-01-01 was a Thursday (4).
        (weekStart.rawValue - 4 + 7) % 7
    }

    /// Days since 1970-01-01 of 0001-01-01 through 9999-12-31.
    static let validDays = LocalDate(year: 1, month: 1, day: 1)!.daysSinceEpoch...LocalDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch
}
