import Synchronization

/// How many dates a rule gives in each of its periods, as running totals over one repeat of the
/// calendar: the number of dates between any two periods is then two lookups, however far
/// apart they are. This is what lets an event's position in its series ("the 71st meetup") be
/// known without expanding the series from DTSTART.
///
/// The periods a rule visits are `a₀ + j·interval`. Over a whole calendar cycle of `P` periods
/// they fall into `P / gcd(P, interval)` distinct calendars, visited in a fixed order that any
/// series with the same effective rule and the same `a₀ mod gcd` shares: one table serves them
/// all, and tables are kept in a process-wide cache.
///
/// The table also keeps each kind of period's dates, as days after the period's first (periods
/// alike in calendar, by ``RulePeriods/calendarKey(ofPeriod:)``, have them at the same days), so a
/// series lists its dates without matching every day of a year against the rule.
final class PeriodCounts: Sendable {
    /// `totals[i]`: dates in the first `i` periods of the sequence that starts at ``base``.
    private let totals: [Int32]
    /// Dates in one whole cycle of the sequence.
    let datesPerCycle: Int
    private let base: Int
    /// `gcd(cycle, interval)`.
    private let divisor: Int
    /// The inverse of `interval / divisor` modulo the sequence length.
    private let inverse: Int
    /// Dates per kind of period, as days after its first, by calendar key.
    private let offsets: [Int: [Int32]]
    /// For rules whose every period is alike: the dates of any period, as days after its first.
    private let constantOffsets: [Int32]?

    private var length: Int { totals.count - 1 }

    private init(periods: RulePeriods, interval: Int, residue: Int) {
        base = residue
        if let constant = periods.constantCount {
            // Every period alike: one period stands for the cycle.
            totals = [0, Int32(constant)]
            (divisor, inverse) = (1, 0)
            datesPerCycle = constant
            offsets = [:]
            constantOffsets = Self.offsets(periods.dates(inPeriod: 0), inPeriod: 0, of: periods)
            return
        }
        let cycle = periods.cycle
        divisor = Self.gcd(cycle, interval)
        let length = cycle / divisor
        inverse = Self.inverse(interval / divisor % length, modulo: length)
        // Periods from a base in years 2000…2399 (or 1970…2370 for weeks and days): the same
        // calendars as any other cycle, and every one a valid date.
        let origin = switch periods.frequency {
        case .yearly: 2000
        case .monthly: 24000
        case .weekly, .daily: 0
        }
        var totals = [Int32](repeating: 0, count: length + 1)
        var running: Int32 = 0
        // Periods alike in calendar are matched once: a few dozen kinds of year or month.
        var offsets: [Int: [Int32]] = [:]
        for index in 0..<length {
            let period = origin + (residue + index * interval).floorModulo(cycle)
            let count: Int
            if let key = periods.calendarKey(ofPeriod: period) {
                if offsets[key] == nil { offsets[key] = Self.offsets(periods.dates(inPeriod: period), inPeriod: period, of: periods) }
                count = offsets[key]!.count
            } else {
                count = periods.count(inPeriod: period)
            }
            running += Int32(count)
            totals[index + 1] = running
        }
        self.totals = totals
        self.offsets = offsets
        constantOffsets = nil
        datesPerCycle = Int(running)
    }

    private static func offsets(_ dates: [LocalDate], inPeriod period: Int, of periods: RulePeriods) -> [Int32] {
        let first = periods.days(ofPeriod: period)?.lowerBound ?? 0
        return dates.map { Int32($0.daysSinceEpoch - first) }
    }

    /// The dates of a period the series visits, in order: the same as `periods.dates(inPeriod:)`.
    func dates(inPeriod period: Int, of periods: RulePeriods) -> [LocalDate] {
        guard let first = periods.days(ofPeriod: period)?.lowerBound else { return [] }
        let kept = constantOffsets ?? periods.calendarKey(ofPeriod: period).flatMap { offsets[$0] }
        guard let kept else { return periods.dates(inPeriod: period) }
        return kept.map { LocalDate(daysSinceEpoch: first + Int($0)) }
    }

    /// The position in the table's sequence of a period the series visits.
    func index(ofPeriod period: Int) -> Int {
        guard length > 1 else { return 0 }
        return ((period - base) / divisor).floorModulo(length) * inverse % length
    }

    /// Dates in the sequence's periods before position `index` (counted from ``index(ofPeriod:)``
    /// of any period, onwards without wrapping).
    func dates(before index: Int) -> Int {
        index / length * datesPerCycle + Int(totals[index % length])
    }

    /// The first position at or after `index` whose period has a date; `nil` when no period has.
    func firstNonEmpty(atOrAfter index: Int) -> Int? {
        guard datesPerCycle > 0 else { return nil }
        let cycles = index / length, offset = index % length
        let target = totals[offset] + 1
        // The first i with totals[i] ≥ target is one past the period holding the next date.
        if target <= totals[length] { return cycles * length + firstReaching(target, from: offset + 1) - 1 }
        return (cycles + 1) * length + firstReaching(1, from: 1) - 1
    }

    private func firstReaching(_ target: Int32, from start: Int) -> Int {
        var low = start, high = length
        while low < high {
            let middle = (low + high) / 2
            if totals[middle] >= target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    // MARK: Cache

    private struct Key: Hashable {
        let periods: RulePeriods
        let interval: Int
        let residue: Int
    }

    /// Tables by rule; dropped all at once past a few million entries (a daily rule's table has
    /// 146,097), which only a calendar of thousands of distinct rules reaches.
    private static let cache = Mutex<(tables: [Key: PeriodCounts], entries: Int)>(([:], 0))
    private static let cacheLimit = 8_000_000

    /// The table for a series of `periods` that visits period `period` every `interval` periods.
    static func table(for periods: RulePeriods, interval: Int, visiting period: Int) -> PeriodCounts {
        let residue = periods.constantCount == nil ? period.floorModulo(gcd(periods.cycle, interval)) : 0
        let key = Key(periods: periods, interval: periods.constantCount == nil ? interval : 1, residue: residue)
        if let table = cache.withLock({ $0.tables[key] }) { return table }
        let table = PeriodCounts(periods: periods, interval: interval, residue: residue)
        cache.withLock { cache in
            if cache.entries + table.totals.count > cacheLimit { cache = ([:], 0) }
            if cache.tables.updateValue(table, forKey: key) == nil { cache.entries += table.totals.count }
        }
        return table
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : gcd(b, a % b)
    }

    private static func inverse(_ value: Int, modulo: Int) -> Int {
        guard modulo > 1 else { return 0 }
        // Extended Euclid: value and modulo are coprime.
        var (r0, r1, t0, t1) = (modulo, value, 0, 1)
        while r1 != 0 {
            let q = r0 / r1
            (r0, r1) = (r1, r0 - q * r1)
            (t0, t1) = (t1, t0 - q * t1)
        }
        return t0.floorModulo(modulo)
    }
}
