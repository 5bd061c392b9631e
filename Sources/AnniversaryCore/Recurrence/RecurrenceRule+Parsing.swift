import Foundation

extension RecurrenceRule {
    /// Reads an RRULE value as iCalendar writes it, `FREQ=YEARLY;BYMONTH=11;BYDAY=4TH`, with or
    /// without an `RRULE:` prefix; names and values in any case.
    ///
    /// Every rule part of RFC 5545 3.3.10 is read except those below a day, which are refused
    /// with the reason. Combinations the RFC forbids (BYWEEKNO outside YEARLY, an ordinal BYDAY
    /// in a WEEKLY rule, COUNT with UNTIL, …) are refused at the part that breaks them.
    public init(parsing text: String) throws(RecurrenceRuleError) {
        var parser = Parser(text: text)
        self = try parser.parse()
    }

    static let partNames = ["FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY", "BYSETPOS"]

    private struct Parser {
        let text: String

        /// One `NAME=VALUE`, with where its name and value begin.
        struct Part {
            let name: String
            let value: Substring
            let offset: Int
            let valueOffset: Int
        }

        mutating func parse() throws(RecurrenceRuleError) -> RecurrenceRule {
            var body = Substring(text)
            var base = 0
            if body.uppercased().hasPrefix("RRULE:") {
                body = body.dropFirst(6)
                base = 6
            }
            guard !body.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw RecurrenceRuleError(offset: base, "the rule is empty; it needs at least FREQ, as in FREQ=YEARLY;BYMONTH=11;BYDAY=4TH")
            }
            var parts: [String: Part] = [:]
            var offset = base
            let pieces = body.split(separator: ";", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                defer { offset += piece.utf8.count + 1 }
                if piece.isEmpty {
                    if index == pieces.count - 1 { continue }  // A trailing ";", as some exporters write.
                    throw RecurrenceRuleError(offset: offset, "an empty rule part (two \";\" in a row)")
                }
                guard let equals = piece.firstIndex(of: "=") else {
                    throw RecurrenceRuleError(offset: offset, "\"\(piece)\" is not a rule part: parts are NAME=VALUE, separated by \";\"")
                }
                let name = piece[..<equals].uppercased()
                let value = piece[piece.index(after: equals)...]
                let part = Part(name: name, value: value, offset: offset, valueOffset: offset + piece[..<equals].utf8.count + 1)
                switch name {
                case "BYHOUR", "BYMINUTE", "BYSECOND":
                    throw RecurrenceRuleError(offset: offset, "\(name) is not supported: an event occurs once on each of its days, at its `at` time of day; set `at` instead")
                case _ where !RecurrenceRule.partNames.contains(name):
                    throw RecurrenceRuleError(offset: offset, "\(name) is not a rule part; RFC 5545 has \(RecurrenceRule.partNames.joined(separator: ", "))")
                default:
                    break
                }
                guard parts[name] == nil else { throw RecurrenceRuleError(offset: offset, "\(name) is given twice") }
                guard !value.isEmpty else { throw RecurrenceRuleError(offset: offset, "\(name) has no value") }
                parts[name] = part
            }
            guard let freq = parts["FREQ"] else { throw RecurrenceRuleError(offset: base, "the rule has no FREQ; give one of YEARLY, MONTHLY, WEEKLY or DAILY") }
            let frequency = try Self.frequency(freq)
            var rule = RecurrenceRule(frequency: frequency)
            if let part = parts["INTERVAL"] { rule.interval = try Self.number(part, in: 1...1_000_000, "a positive whole number") }
            if let part = parts["COUNT"] { rule.end = .count(try Self.number(part, in: 1...1_000_000, "a positive whole number")) }
            if let part = parts["UNTIL"] {
                guard parts["COUNT"] == nil else { throw RecurrenceRuleError(offset: part.offset, "UNTIL and COUNT cannot both be given (RFC 5545 3.3.10)") }
                rule.end = .until(try Self.until(part))
            }
            if let part = parts["WKST"] {
                guard let day = Weekday(code: part.value) else { throw Self.notAWeekday(part.value, at: part.valueOffset, in: part) }
                rule.weekStart = day
            }
            if let part = parts["BYMONTH"] { rule.months = try Self.list(part, in: 1...12, signed: false) }
            if let part = parts["BYWEEKNO"] {
                guard frequency == .yearly else { throw Self.onlyIn(part, "YEARLY") }
                rule.weekNumbers = try Self.list(part, in: 1...53, signed: true)
            }
            if let part = parts["BYYEARDAY"] {
                guard frequency == .yearly else { throw Self.onlyIn(part, "YEARLY") }
                rule.yearDays = try Self.list(part, in: 1...366, signed: true)
            }
            if let part = parts["BYMONTHDAY"] {
                guard frequency != .weekly else { throw RecurrenceRuleError(offset: part.offset, "BYMONTHDAY cannot be used with FREQ=WEEKLY (RFC 5545 3.3.10)") }
                rule.monthDays = try Self.list(part, in: 1...31, signed: true)
            }
            if let part = parts["BYDAY"] {
                rule.weekdays = try Self.weekdays(part)
                if let numbered = rule.weekdays.first(where: { $0.ordinal != nil }) {
                    let entry = "\(numbered.ordinal!)\(numbered.weekday.code)"
                    if frequency == .weekly || frequency == .daily {
                        throw RecurrenceRuleError(offset: part.offset, "BYDAY=\(entry): a numbered weekday needs FREQ=MONTHLY or YEARLY; with \(frequency.rawValue) use the weekday alone")
                    }
                    if !rule.weekNumbers.isEmpty {
                        throw RecurrenceRuleError(offset: part.offset, "BYDAY=\(entry): a numbered weekday cannot be used with BYWEEKNO (RFC 5545 3.3.10)")
                    }
                }
            }
            if let part = parts["BYSETPOS"] {
                guard parts.keys.contains(where: { $0.hasPrefix("BY") && $0 != "BYSETPOS" }) else {
                    throw RecurrenceRuleError(offset: part.offset, "BYSETPOS picks among the dates other BYxxx parts give, and there are none (RFC 5545 3.3.10)")
                }
                rule.setPositions = try Self.list(part, in: 1...366, signed: true)
            }
            return rule
        }

        static func frequency(_ part: Part) throws(RecurrenceRuleError) -> Frequency {
            let value = part.value.uppercased()
            if let frequency = Frequency(rawValue: value) { return frequency }
            if ["HOURLY", "MINUTELY", "SECONDLY"].contains(value) {
                throw RecurrenceRuleError(offset: part.valueOffset, "FREQ=\(value) repeats within a day, and an event occurs at most once a day, at its `at` time; use DAILY or longer")
            }
            throw RecurrenceRuleError(offset: part.valueOffset, "FREQ=\(part.value) is not a frequency; use YEARLY, MONTHLY, WEEKLY or DAILY")
        }

        static func number(_ part: Part, in range: ClosedRange<Int>, _ expected: String) throws(RecurrenceRuleError) -> Int {
            guard part.value.allSatisfy(\.isASCIIDigit), let value = Int(part.value), range.contains(value) else {
                throw RecurrenceRuleError(offset: part.valueOffset, "\(part.name)=\(part.value): expected \(expected)")
            }
            return value
        }

        /// A comma-separated list of whole numbers, with signs when `signed` (never zero).
        static func list(_ part: Part, in range: ClosedRange<Int>, signed: Bool) throws(RecurrenceRuleError) -> [Int] {
            var values: [Int] = []
            var offset = part.valueOffset
            for item in part.value.split(separator: ",", omittingEmptySubsequences: false) {
                defer { offset += item.utf8.count + 1 }
                let digits = signed && (item.hasPrefix("-") || item.hasPrefix("+")) ? item.dropFirst() : item
                let magnitude = digits.allSatisfy(\.isASCIIDigit) ? Int(digits) : nil
                guard let magnitude, range.contains(magnitude) else {
                    let allowed = signed ? "\(range.lowerBound) to \(range.upperBound) or -\(range.upperBound) to -\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
                    throw RecurrenceRuleError(offset: offset, "\(part.name)=\(part.value): \"\(item)\" is not \(allowed)")
                }
                let value = item.hasPrefix("-") ? -magnitude : magnitude
                if !values.contains(value) { values.append(value) }
            }
            return values
        }

        static func weekdays(_ part: Part) throws(RecurrenceRuleError) -> [WeekdayNumber] {
            var values: [WeekdayNumber] = []
            var offset = part.valueOffset
            for item in part.value.split(separator: ",", omittingEmptySubsequences: false) {
                defer { offset += item.utf8.count + 1 }
                guard item.count >= 2, let day = Weekday(code: item.suffix(2)) else {
                    throw notAWeekday(item.count >= 2 ? item.suffix(2) : item, at: offset, in: part)
                }
                let prefix = item.dropLast(2)
                var ordinal: Int?
                if !prefix.isEmpty {
                    let digits = prefix.hasPrefix("-") || prefix.hasPrefix("+") ? prefix.dropFirst() : prefix
                    guard digits.allSatisfy(\.isASCIIDigit), let magnitude = Int(digits), (1...53).contains(magnitude) else {
                        throw RecurrenceRuleError(offset: offset, "BYDAY=\(part.value): in \"\(item)\", \"\(prefix)\" is not an ordinal from 1 to 53 or -53 to -1")
                    }
                    ordinal = prefix.hasPrefix("-") ? -magnitude : magnitude
                }
                let value = WeekdayNumber(ordinal, day)
                if !values.contains(value) { values.append(value) }
            }
            return values
        }

        static func notAWeekday(_ text: some StringProtocol, at offset: Int, in part: Part) -> RecurrenceRuleError {
            RecurrenceRuleError(offset: offset, "\(part.name)=\(part.value): \"\(text)\" is not a weekday; use MO, TU, WE, TH, FR, SA or SU")
        }

        static func onlyIn(_ part: Part, _ frequency: String) -> RecurrenceRuleError {
            RecurrenceRuleError(offset: part.offset, "\(part.name) can only be used with FREQ=\(frequency) (RFC 5545 3.3.10)")
        }

        /// `YYYYMMDD`, `YYYYMMDDTHHMMSS` (local) or `YYYYMMDDTHHMMSSZ` (UTC).
        static func until(_ part: Part) throws(RecurrenceRuleError) -> Until {
            let value = part.value.uppercased()
            let bytes = Array(value.utf8)
            func digits(_ range: Range<Int>) -> Int? {
                guard range.upperBound <= bytes.count else { return nil }
                var result = 0
                for index in range {
                    let digit = Int(bytes[index]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    result = result * 10 + digit
                }
                return result
            }
            let failure = RecurrenceRuleError(offset: part.valueOffset, "UNTIL=\(part.value): expected a date, 20271231, or a date and time, 20271231T090000 (local) or 20271231T090000Z (UTC)")
            guard [8, 15, 16].contains(bytes.count), let year = digits(0..<4), let month = digits(4..<6), let day = digits(6..<8) else { throw failure }
            guard let date = LocalDate(year: year, month: month, day: day) else {
                throw RecurrenceRuleError(offset: part.valueOffset, "UNTIL=\(part.value): \(year)-\(month)-\(day) is not a date")
            }
            if bytes.count == 8 { return .date(date) }
            guard bytes[8] == UInt8(ascii: "T"), let hour = digits(9..<11), let minute = digits(11..<13), let second = digits(13..<15),
                  let time = TimeOfDay(hour: hour, minute: minute, second: second)
            else { throw failure }
            if bytes.count == 15 { return .local(date, time) }
            guard bytes[15] == UInt8(ascii: "Z") else { throw failure }
            return .instant(TimeZone.gmt.instant(for: date, at: time))
        }
    }
}

// MARK: - Writing

extension RecurrenceRule: CustomStringConvertible {
    /// The rule in RFC 5545's form, parts in a fixed order: what is stored and exported.
    public var description: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        switch end {
        case .never: break
        case .count(let count): parts.append("COUNT=\(count)")
        case .until(let until): parts.append("UNTIL=\(Self.text(until))")
        }
        func add(_ name: String, _ values: [Int]) {
            if !values.isEmpty { parts.append("\(name)=" + values.map(String.init).joined(separator: ",")) }
        }
        add("BYMONTH", months)
        add("BYWEEKNO", weekNumbers)
        add("BYYEARDAY", yearDays)
        add("BYMONTHDAY", monthDays)
        if !weekdays.isEmpty {
            parts.append("BYDAY=" + weekdays.map { ($0.ordinal.map(String.init) ?? "") + $0.weekday.code }.joined(separator: ","))
        }
        add("BYSETPOS", setPositions)
        if weekStart != .monday { parts.append("WKST=\(weekStart.code)") }
        return parts.joined(separator: ";")
    }

    private static func text(_ until: Until) -> String {
        func compact(_ date: LocalDate) -> String { date.description.replacingOccurrences(of: "-", with: "") }
        func compact(_ time: TimeOfDay) -> String {
            zeroPadded(time.hour, width: 2) + zeroPadded(time.minute, width: 2) + zeroPadded(time.second, width: 2)
        }
        switch until {
        case .date(let date): return compact(date)
        case .local(let date, let time): return compact(date) + "T" + compact(time)
        case .instant(let instant):
            let utc = TimeZone.gmt
            return compact(utc.localDate(for: instant)) + "T" + compact(utc.timeOfDay(for: instant)) + "Z"
        }
    }
}
