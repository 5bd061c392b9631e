/// A DURATION value (RFC 5545 3.3.6): `-P7D`, `-PT15M`, `P1W`, `-P1DT12H`.
///
/// Weeks and days are nominal (calendar days, which keep the local time across a DST change);
/// hours, minutes and seconds are exact.
public struct ICalendarDuration: Hashable, Sendable {
    public var isNegative: Bool
    public var weeks = 0
    public var days = 0
    /// The exact part, in seconds.
    public var seconds = 0

    public init?(_ text: some StringProtocol) {
        var rest = Substring(text.trimmingWhitespace.uppercased())
        isNegative = rest.first == "-"
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        guard rest.first == "P" else { return nil }
        rest = rest.dropFirst()
        var inTime = false
        var sawPart = false
        while !rest.isEmpty {
            if rest.first == "T", !inTime {
                inTime = true
                rest = rest.dropFirst()
                continue
            }
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard !digits.isEmpty, digits.count <= 9, let amount = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = rest.first else { return nil }
            rest = rest.dropFirst()
            switch (unit, inTime) {
            case ("W", false): weeks += amount
            case ("D", false): days += amount
            case ("H", true): seconds += amount * 3600
            case ("M", true): seconds += amount * 60
            case ("S", true): seconds += amount
            default: return nil
            }
            sawPart = true
        }
        guard sawPart else { return nil }
    }

    /// The whole length in seconds, counting a day as 86,400.
    public var approximateSeconds: Int { (weeks * 7 + days) * 86_400 + seconds }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
