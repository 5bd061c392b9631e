import AnniversaryCore

/// A DATE (`20270127`) or DATE-TIME (`20270127T090000`, `…Z` for UTC) value (RFC 5545 3.3.4-5).
public struct ICalendarDateTime: Hashable, Sendable {
    public var date: LocalDate
    /// `nil` for a DATE.
    public var time: TimeOfDay?
    /// Written with a trailing `Z`.
    public var isUTC: Bool

    public init(date: LocalDate, time: TimeOfDay? = nil, isUTC: Bool = false) {
        self.date = date
        self.time = time
        self.isUTC = isUTC
    }

    /// Reads a value; `nil` when it is neither form.
    public init?(_ text: some StringProtocol) {
        let text = text.trimmingWhitespace
        let utf8 = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= utf8.count else { return nil }
            var value = 0
            for byte in utf8[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let date = LocalDate(year: year, month: month, day: day)
        else { return nil }
        self.date = date
        switch utf8.count {
        case 8:
            time = nil
            isUTC = false
        case 15, 16:
            guard utf8[8] == UInt8(ascii: "T") || utf8[8] == UInt8(ascii: "t"), let hour = number(9..<11), let minute = number(11..<13),
                  let second = number(13..<15)
            else { return nil }
            // A leap second (60) is read as the second before it.
            guard let time = TimeOfDay(hour: hour, minute: minute, second: min(second, 59)) else { return nil }
            self.time = time
            if utf8.count == 16 {
                guard utf8[15] == UInt8(ascii: "Z") || utf8[15] == UInt8(ascii: "z") else { return nil }
                isUTC = true
            } else {
                isUTC = false
            }
        default:
            return nil
        }
    }

    /// `20270127` or `20270127T090000` (with `Z` when UTC).
    public var description: String {
        let date = "\(pad(self.date.year, 4))\(pad(self.date.month, 2))\(pad(self.date.day, 2))"
        guard let time else { return date }
        return date + "T\(pad(time.hour, 2))\(pad(time.minute, 2))\(pad(time.second, 2))" + (isUTC ? "Z" : "")
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
