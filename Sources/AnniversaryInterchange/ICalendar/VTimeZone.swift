import AnniversaryCore
import Foundation

/// A VTIMEZONE's observances (RFC 5545 3.6.5), enough to tell its UTC offset at an instant.
struct VTimeZone {
    struct Observance {
        /// DTSTART, a local time in the offset before the change.
        var start: ICalendarDateTime
        var offsetFrom: Int
        var offsetTo: Int
        var rule: RecurrenceRule?
        var dates: [ICalendarDateTime]

        /// The instants this observance begins: by its rule in `years`, by DTSTART and RDATE up to
        /// their end (a zone that never changes has one onset, long before).
        func onsets(in years: ClosedRange<Int>) -> [Int] {
            let time = start.time ?? .midnight
            var locals: [(LocalDate, TimeOfDay)] = [(start.date, time)] + dates.map { ($0.date, $0.time ?? time) }
            if let rule, let zone = TimeZone(secondsFromGMT: offsetFrom) {
                let series = RecurrenceSeries(rule: rule, start: start.date, time: time, timeZone: zone)
                let first = max(start.date, LocalDate(year: years.lowerBound, month: 1, day: 1)!)
                if let last = LocalDate(year: years.upperBound, month: 12, day: 31), first <= last {
                    locals += series.entries(from: first, through: last).map { ($0.date, time) }
                }
            }
            return locals.filter { $0.0.year <= years.upperBound }.map { $0.0.daysSinceEpoch * 86_400 + $0.1.secondsSinceMidnight - offsetFrom }
        }
    }

    var tzid: String
    var line: Int
    var location: String?
    var observances: [Observance]

    init(_ component: Component) throws(InterchangeError) {
        tzid = component.property("TZID").map { TextValue.unescape($0.value) } ?? ""
        line = component.line
        location = component.property("X-LIC-LOCATION").map { TextValue.unescape($0.value) }
        observances = []
        for part in component.components where part.name == "STANDARD" || part.name == "DAYLIGHT" {
            func offset(_ name: String) throws(InterchangeError) -> Int {
                guard let property = part.property(name) else {
                    throw InterchangeError(line: part.line, "\(part.name) of VTIMEZONE \"\(tzid)\" has no \(name)")
                }
                guard let seconds = Self.offset(property.value) else {
                    throw InterchangeError(line: property.line, "\(name) \"\(property.value)\" is not a UTC offset such as +0100 or -0530")
                }
                return seconds
            }
            guard let startLine = part.property("DTSTART") else {
                throw InterchangeError(line: part.line, "\(part.name) of VTIMEZONE \"\(tzid)\" has no DTSTART")
            }
            guard let start = ICalendarDateTime(startLine.value) else {
                throw InterchangeError(line: startLine.line, "DTSTART \"\(startLine.value)\" is not a date-time such as 19701025T030000")
            }
            // A rule this calendar cannot expand leaves its observance to DTSTART and RDATE, which
            // the match then checks: a wrong zone is refused, never guessed.
            let rule = part.property("RRULE").flatMap { try? RecurrenceRule(parsing: $0.value) }
            let dates = part.properties("RDATE").flatMap { $0.value.split(separator: ",").compactMap { ICalendarDateTime($0) } }
            observances.append(Observance(start: start, offsetFrom: try offset("TZOFFSETFROM"), offsetTo: try offset("TZOFFSETTO"), rule: rule, dates: dates))
        }
    }

    /// `+0100`, `-0530`, `+053000`.
    static func offset(_ text: String) -> Int? {
        let text = text.trimmingWhitespace
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst()
        guard [4, 6].contains(digits.count), digits.allSatisfy(\.isASCIIDigit) else { return nil }
        let values = stride(from: 0, to: digits.count, by: 2).map { Int(digits.dropFirst($0).prefix(2))! }
        guard values[0] < 24, values[1] < 60 else { return nil }
        let seconds = values[0] * 3600 + values[1] * 60 + (values.count > 2 ? values[2] : 0)
        return sign == "-" ? -seconds : seconds
    }

    /// Instants at which to compare this zone with an IANA one over `years`, each with the
    /// offset this zone gives there: either side of every change, and mid-month.
    func samples(in years: ClosedRange<Int>) -> [(epochSecond: Int, offset: Int)]? {
        // The year before and after must be dates too.
        guard years.lowerBound > 1, years.upperBound < 9999 else { return nil }
        // Changes from the year before decide the offset at the start of the range.
        var changes: [(at: Int, to: Int, from: Int)] = []
        for observance in observances {
            changes += observance.onsets(in: (years.lowerBound - 1)...years.upperBound).map { ($0, observance.offsetTo, observance.offsetFrom) }
        }
        changes.sort { $0.at < $1.at }
        guard let first = changes.first else { return nil }
        func offset(at second: Int) -> Int {
            changes.last { $0.at <= second }?.to ?? first.from
        }
        let rangeStart = LocalDate(year: years.lowerBound, month: 1, day: 1)!.daysSinceEpoch * 86_400
        let rangeEnd = LocalDate(year: years.upperBound + 1, month: 1, day: 1)!.daysSinceEpoch * 86_400
        var instants = changes.map(\.at).filter { (rangeStart..<rangeEnd).contains($0) }.flatMap { [$0 - 60, $0 + 60] }
        for year in years {
            for month in 1...12 { instants.append(LocalDate(year: year, month: month, day: 15)!.daysSinceEpoch * 86_400 + 43_200) }
        }
        return instants.map { ($0, offset(at: $0)) }
    }
}
