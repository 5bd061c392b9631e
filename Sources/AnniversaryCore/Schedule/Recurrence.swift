/// How an event repeats.
public enum Recurrence: String, Hashable, Sendable, CaseIterable {
    /// Every year on the origin's month and day; occurrence N is N years after the origin.
    case yearly
    /// Only the origin itself.
    case once
}

/// Where a February 29 origin falls in common years.
public enum LeapDayPolicy: String, Hashable, Sendable, CaseIterable {
    /// The last day of February.
    case feb28
    /// The day after February 28.
    case mar1
}
