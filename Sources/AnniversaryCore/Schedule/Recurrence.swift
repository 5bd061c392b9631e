/// How an event repeats.
public enum Recurrence: Hashable, Sendable {
    /// Every year on the origin's month and day; occurrence N is N years after the origin.
    case yearly
    /// Only the origin itself.
    case once
    /// As an RFC 5545 rule says, the origin (DTSTART) first.
    case rule(RecurrenceRule)

    /// Reads `yearly`, `once` or an RRULE value (``RecurrenceRule/init(parsing:)``).
    public init(parsing text: String) throws(RecurrenceRuleError) {
        switch text.lowercased() {
        case "yearly": self = .yearly
        case "once": self = .once
        default: self = .rule(try RecurrenceRule(parsing: text))
        }
    }

    /// The rule, for an event that recurs by one.
    public var rule: RecurrenceRule? {
        if case .rule(let rule) = self { return rule }
        return nil
    }
}

extension Recurrence: CustomStringConvertible {
    /// `yearly`, `once` or the rule's RRULE text: what is stored, and read back by ``init(parsing:)``.
    public var description: String {
        switch self {
        case .yearly: "yearly"
        case .once: "once"
        case .rule(let rule): rule.description
        }
    }
}

/// Where a February 29 origin falls in common years.
public enum LeapDayPolicy: String, Hashable, Sendable, CaseIterable {
    /// The last day of February.
    case feb28
    /// The day after February 28.
    case mar1
}
