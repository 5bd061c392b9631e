import Foundation

extension Date {
    private static let gregorian = Calendar(identifier: .gregorian)

    /// The whole second `seconds` from now, rounded down: an event's `at` says no fractions.
    public static func wholeSecond(in seconds: Double) -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + seconds).rounded(.down))
    }

    /// `HH:MM:SS` in UTC, for an event's `at`.
    public var utcTime: String {
        formatted(Date.VerbatimFormatStyle(
            format: "\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits)",
            timeZone: .gmt, calendar: Self.gregorian
        ))
    }

    /// `MM-DD` in UTC.
    public var utcMonthDay: String {
        formatted(Date.VerbatimFormatStyle(format: "\(month: .twoDigits)-\(day: .twoDigits)", timeZone: .gmt, calendar: Self.gregorian))
    }

    /// `YYYY-MM-DD` in UTC.
    public var utcDay: String {
        formatted(Date.VerbatimFormatStyle(format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits)", timeZone: .gmt, calendar: Self.gregorian))
    }
}
