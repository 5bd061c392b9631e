import Foundation

/// The dates of an event that recurs by rule, each with its position in the series.
///
/// As RFC 5545 3.8.5.3 has it, DTSTART (the event's date) is always the first date and counts
/// toward COUNT, whether or not the rule matches it; then come the rule's dates after it. COUNT,
/// UNTIL and the event's own `until` bound these; EXDATEs remove dates and RDATEs add them
/// (bounded by the event's `until` only). Position 1 is the first date left after EXDATEs.
///
/// Nothing here walks the series from its start: a date's position is counted a period at a time
/// through ``PeriodCounts``, so a daily rule begun in 1900 costs what one begun yesterday does.
public struct RecurrenceSeries: Hashable, Sendable {
    public let rule: RecurrenceRule
    /// DTSTART's date.
    public let start: LocalDate
    /// Sorted, without repeats.
    public let exdates: [LocalDate]
    /// Sorted, without repeats, none before ``start``.
    public let rdates: [LocalDate]
    /// The last date the rule may give (UNTIL and the event's `until`).
    private let ruleLast: LocalDate?
    /// The last date at all: the event's `until`.
    private let eventLast: LocalDate?
    private let periods: RulePeriods
    private let counts: PeriodCounts
    private let startPeriod: Int
    private let startIndex: Int
    /// The rule's dates in DTSTART's period, which every count starts from.
    private let startPeriodDates: [LocalDate]
    private let startMatchesRule: Bool

    /// A date of the series and its position, 1 for the first.
    public struct Entry: Hashable, Sendable {
        public let date: LocalDate
        public let number: Int
    }

    /// - Parameters:
    ///   - time, timeZone: When each date's instant is, for an UNTIL given as a local or UTC time.
    ///   - until: The event's last date, inclusive.
    public init(
        rule: RecurrenceRule, start: LocalDate, time: TimeOfDay, timeZone: TimeZone, until: LocalDate? = nil,
        exdates: [LocalDate] = [], rdates: [LocalDate] = []
    ) {
        self.rule = rule
        self.start = start
        self.exdates = Array(Set(exdates)).sorted()
        self.rdates = Array(Set(rdates.filter { date in date >= start && until.map { date <= $0 } ?? true })).sorted()
        var ruleLast: LocalDate?
        if case .until(let limit) = rule.end {
            switch limit {
            case .date(let date): ruleLast = date
            case .local(let date, let last): ruleLast = time <= last ? date : date.adding(days: -1)
            case .instant(let instant):
                let date = timeZone.localDate(for: instant)
                ruleLast = timeZone.instant(for: date, at: time) <= instant ? date : date.adding(days: -1)
            }
        }
        self.ruleLast = [ruleLast, until].compactMap(\.self).min()
        eventLast = until
        periods = RulePeriods(rule, start: start)
        startPeriod = periods.period(of: start)
        counts = PeriodCounts.table(for: periods, interval: rule.interval, visiting: startPeriod)
        startIndex = counts.index(ofPeriod: startPeriod)
        startPeriodDates = counts.dates(inPeriod: startPeriod, of: periods)
        startMatchesRule = startPeriodDates.contains(start)
    }

    public static func == (lhs: RecurrenceSeries, rhs: RecurrenceSeries) -> Bool {
        (lhs.rule, lhs.start, lhs.exdates, lhs.rdates, lhs.ruleLast, lhs.eventLast)
            == (rhs.rule, rhs.start, rhs.exdates, rhs.rdates, rhs.ruleLast, rhs.eventLast)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rule)
        hasher.combine(start)
        hasher.combine(exdates)
        hasher.combine(rdates)
    }

    private var count: Int? {
        if case .count(let count) = rule.end { return count }
        return nil
    }

    // MARK: Listing

    /// The series' dates in `first...last`, in order.
    public func entries(from first: LocalDate, through last: LocalDate) -> [Entry] {
        var entries: [Entry] = []
        var iterator = makeIterator(from: first)
        while let entry = iterator.next(), entry.date <= last { entries.append(entry) }
        return entries
    }

    /// The first date on or after `date`.
    public func first(onOrAfter date: LocalDate) -> Entry? {
        var iterator = makeIterator(from: date)
        return iterator.next()
    }

    /// The series' dates from `date` on, in order.
    public func makeIterator(from date: LocalDate) -> Iterator {
        Iterator(series: self, from: date)
    }

    public struct Iterator: IteratorProtocol {
        private let series: RecurrenceSeries
        /// The rule's own dates (DTSTART first), before EXDATEs and RDATEs.
        private var base: BaseDates
        private var nextBase: LocalDate?
        private var rdates: ArraySlice<LocalDate>
        private var number: Int

        init(series: RecurrenceSeries, from date: LocalDate) {
            self.series = series
            base = BaseDates(series: series, from: date)
            nextBase = base.next()
            let rdates = series.rdates[series.rdates.partitioningIndex { $0 >= date }...]
            self.rdates = rdates
            let first = [nextBase, rdates.first].compactMap(\.self).min() ?? date
            number = 1 + series.entriesBefore(first)
        }

        public mutating func next() -> Entry? {
            while true {
                let date: LocalDate
                switch (nextBase, rdates.first) {
                case (nil, nil): return nil
                case (let base?, let rdate?) where rdate < base: date = rdate; rdates.removeFirst()
                case (let base?, let rdate?) where rdate == base: date = base; rdates.removeFirst(); nextBase = self.base.next()
                case (let base?, _): date = base; nextBase = self.base.next()
                case (nil, let rdate?): date = rdate; rdates.removeFirst()
                }
                if series.exdates.containsSorted(date) { continue }
                defer { number += 1 }
                return Entry(date: date, number: number)
            }
        }
    }

    // MARK: Counting

    /// Dates of the final series before `date`.
    private func entriesBefore(_ date: LocalDate) -> Int {
        var total = baseDatesBefore(date)
        for rdate in rdates where rdate < date && !isBaseDate(rdate) { total += 1 }
        for exdate in exdates where exdate < date && (isBaseDate(exdate) || rdates.containsSorted(exdate)) { total -= 1 }
        return total
    }

    /// Whether `date` is one of the rule's dates before EXDATEs and RDATEs: DTSTART or a rule
    /// date after it, within COUNT and the last date.
    private func isBaseDate(_ date: LocalDate) -> Bool {
        guard date >= start, ruleLast.map({ date <= $0 }) ?? true else { return false }
        if date != start {
            let period = periods.period(of: date)
            guard (period - startPeriod) % rule.interval == 0, counts.dates(inPeriod: period, of: periods).containsSorted(date) else { return false }
        }
        return count.map { unboundedDatesBefore(date) < $0 } ?? true
    }

    /// The rule's dates before EXDATEs and RDATEs that come before `date`.
    private func baseDatesBefore(_ date: LocalDate) -> Int {
        let bounded = ruleLast.map { min(date, $0.adding(days: 1)) } ?? date
        let total = unboundedDatesBefore(bounded)
        return count.map { min($0, total) } ?? total
    }

    /// DTSTART and the rule's dates after it that come before `date`, with no COUNT or UNTIL.
    func unboundedDatesBefore(_ date: LocalDate) -> Int {
        guard date > start else { return 0 }
        let extra = startMatchesRule ? 0 : 1
        let period = periods.period(of: date)
        let steps = (period - startPeriod) / rule.interval
        let first = startPeriodDates
        if steps == 0 { return extra + first.count { $0 >= start && $0 < date } }
        let between = counts.dates(before: startIndex + steps) - counts.dates(before: startIndex + 1)
        let last = counts.dates(inPeriod: startPeriod + steps * rule.interval, of: periods).count { $0 < date }
        return extra + first.count { $0 >= start } + between + last
    }

    /// DTSTART and the rule's dates from a date on, within COUNT and the last date.
    struct BaseDates {
        private let series: RecurrenceSeries
        private var pending: ArraySlice<LocalDate> = []
        /// The next period's position in the series' sequence of periods.
        private var step: Int
        private var emitted: Int
        private let floor: LocalDate

        init(series: RecurrenceSeries, from date: LocalDate) {
            self.series = series
            floor = max(date, series.start)
            emitted = series.unboundedDatesBefore(floor)
            if floor == series.start, !series.startMatchesRule { pending = [series.start] }
            step = max(0, (series.periods.period(of: floor) - series.startPeriod).floorDivided(by: series.rule.interval))
        }

        mutating func next() -> LocalDate? {
            if let count = series.count, emitted >= count { return nil }
            while pending.isEmpty {
                // Skip straight past periods without dates: a rule may match once in decades.
                guard let index = series.counts.firstNonEmpty(atOrAfter: series.startIndex + step) else { return nil }
                step = index - series.startIndex
                let period = series.startPeriod + step * series.rule.interval
                step += 1
                let dates = series.counts.dates(inPeriod: period, of: series.periods)
                guard !dates.isEmpty else {
                    // Past year 9999, periods are empty.
                    if series.periods.days(ofPeriod: period) == nil { return nil }
                    continue
                }
                pending = dates.drop { $0 < floor }
            }
            let date = pending.removeFirst()
            if let last = series.ruleLast, date > last { return nil }
            emitted += 1
            return date
        }
    }
}

extension Array where Element: Comparable {
    /// Whether a sorted array holds `element`.
    func containsSorted(_ element: Element) -> Bool {
        let index = partitioningIndex { $0 >= element }
        return index < endIndex && self[index] == element
    }

    /// The first index whose element satisfies a predicate that is false, then true.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = startIndex, high = endIndex
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
