/// A local wall-clock time, `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`.
///
/// Milliseconds are there for timing tests and benchmarks (reminders 100 ms apart); people write
/// `09:00`.
public struct TimeOfDay: Hashable, Comparable, Sendable {
    public let hour: Int
    public let minute: Int
    public let second: Int
    public let millisecond: Int

    public init?(hour: Int, minute: Int, second: Int = 0, millisecond: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second), (0...999).contains(millisecond) else { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }

    /// Seconds since local midnight.
    public var secondsSinceMidnight: Int { hour * 3600 + minute * 60 + second }

    public static let midnight = TimeOfDay(hour: 0, minute: 0)!

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        (lhs.secondsSinceMidnight, lhs.millisecond) < (rhs.secondsSinceMidnight, rhs.millisecond)
    }
}

extension TimeOfDay: CustomStringConvertible, LosslessStringConvertible {
    public init?(_ description: String) {
        let (clock, fraction) = description.firstIndex(of: ".").map { (description[..<$0], description[description.index(after: $0)...]) }
            ?? (description[...], nil)
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
              let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        var millisecond = 0
        if let fraction {
            guard parts.count == 3, (1...3).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit), let value = Int(fraction) else { return nil }
            millisecond = value * [100, 10, 1][fraction.count - 1]
        }
        self.init(hour: hour, minute: minute, second: parts.count == 3 ? Int(parts[2]) ?? -1 : 0, millisecond: millisecond)
    }

    /// `HH:MM`, or `HH:MM:SS` when the seconds are not zero, `HH:MM:SS.fff` with milliseconds.
    public var description: String {
        let hm = "\(zeroPadded(hour, width: 2)):\(zeroPadded(minute, width: 2))"
        if millisecond != 0 { return "\(hm):\(zeroPadded(second, width: 2)).\(zeroPadded(millisecond, width: 3))" }
        return second == 0 ? hm : "\(hm):\(zeroPadded(second, width: 2))"
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
