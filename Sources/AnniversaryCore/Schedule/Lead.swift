/// How long before an occurrence a reminder fires: `7d`, `2w`, `3h`, `30m`, or `0d` for the day itself.
///
/// Day and week leads count calendar days in the event's time zone and keep the event's local time
/// (a week ahead across a DST change is still 09:00); hour and minute leads are exact durations
/// before the occurrence's instant.
public struct Lead: Hashable, Sendable {
    public enum Unit: Character, Sendable, CaseIterable {
        case days = "d"
        case weeks = "w"
        case hours = "h"
        case minutes = "m"
    }

    public let amount: Int
    public let unit: Unit

    /// Creates a lead; `amount` must be zero or positive and at most 100 years' worth.
    public init?(amount: Int, unit: Unit) {
        guard amount >= 0 else { return nil }
        self.amount = amount
        self.unit = unit
        guard approximateSeconds <= Lead.maximumSeconds else { return nil }
    }

    /// The reminder on the day itself, at the event's local time.
    public static let onTheDay = Lead(amount: 0, unit: .days)!

    /// Leads longer than this are almost certainly typos (`700000d`) and are rejected.
    public static let maximumSeconds = 100 * 366 * 86_400

    /// The lead in calendar days, for day and week leads.
    public var calendarDays: Int? {
        switch unit {
        case .days: amount
        case .weeks: amount * 7
        case .hours, .minutes: nil
        }
    }

    /// The lead in exact seconds, for hour and minute leads.
    public var exactSeconds: Int? {
        switch unit {
        case .hours: amount * 3600
        case .minutes: amount * 60
        case .days, .weeks: nil
        }
    }

    /// Length in seconds, counting a calendar day as 86,400 s: good for ordering and bounds only.
    public var approximateSeconds: Int { calendarDays.map { $0 * 86_400 } ?? exactSeconds ?? 0 }

    /// An upper bound of the calendar days the lead can span.
    public var spanInDays: Int { (approximateSeconds + 86_399) / 86_400 }

    /// "today", "tomorrow", "in 7 days", "in 2 weeks", "in 3 hours".
    public var when: String {
        switch unit {
        case .days where amount == 0: "today"
        case .days where amount == 1: "tomorrow"
        case .days: "in \(amount) days"
        case .weeks: amount == 1 ? "in 1 week" : "in \(amount) weeks"
        case .hours: amount == 1 ? "in 1 hour" : "in \(amount) hours"
        case .minutes: amount == 1 ? "in 1 minute" : "in \(amount) minutes"
        }
    }
}

extension Lead: CustomStringConvertible, LosslessStringConvertible {
    /// Parses `<amount><unit>` with unit `d`, `w`, `h` or `m`.
    public init?(_ description: String) {
        guard let unitCharacter = description.last, let unit = Unit(rawValue: unitCharacter),
              description.dropLast().allSatisfy(\.isASCIIDigit), description.count >= 2,
              description.count <= 10, let amount = Int(description.dropLast())
        else { return nil }
        self.init(amount: amount, unit: unit)
    }

    public var description: String { "\(amount)\(unit.rawValue)" }
}

extension Lead: Comparable {
    /// Longer leads sort first, so a list of leads reads in firing order.
    public static func < (lhs: Lead, rhs: Lead) -> Bool {
        (lhs.approximateSeconds, lhs.unit.rawValue) > (rhs.approximateSeconds, rhs.unit.rawValue)
    }
}
