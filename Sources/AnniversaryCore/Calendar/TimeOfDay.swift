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
        var text = description
        // Read straight from the UTF-8: planning a burst decodes one per event.
        guard let parsed = text.withUTF8(TimeOfDay.parse) else { return nil }
        self = parsed
    }

    private static func parse(_ text: UnsafeBufferPointer<UInt8>) -> TimeOfDay? {
        func digit(_ index: Int) -> Int? {
            let value = text[index] &- UInt8(ascii: "0")
            return value < 10 ? Int(value) : nil
        }
        func twoDigits(at index: Int) -> Int? {
            guard let tens = digit(index), let units = digit(index + 1) else { return nil }
            return tens * 10 + units
        }
        // HH:MM, HH:MM:SS, HH:MM:SS.f to HH:MM:SS.fff
        guard [5, 8, 10, 11, 12].contains(text.count), text[2] == UInt8(ascii: ":"),
              let hour = twoDigits(at: 0), let minute = twoDigits(at: 3)
        else { return nil }
        guard text.count > 5 else { return TimeOfDay(hour: hour, minute: minute) }
        guard text[5] == UInt8(ascii: ":"), let second = twoDigits(at: 6) else { return nil }
        guard text.count > 8 else { return TimeOfDay(hour: hour, minute: minute, second: second) }
        guard text[8] == UInt8(ascii: ".") else { return nil }
        var millisecond = 0
        for index in 9..<12 {
            // Digits left out are zeros: .25 is 250 ms.
            guard let value = index < text.count ? digit(index) : 0 else { return nil }
            millisecond = millisecond * 10 + value
        }
        return TimeOfDay(hour: hour, minute: minute, second: second, millisecond: millisecond)
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
