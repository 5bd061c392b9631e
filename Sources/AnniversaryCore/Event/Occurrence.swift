/// One date on which an event falls: its origin, or an anniversary of it.
public struct Occurrence: Hashable, Sendable {
    /// The local date, in the event's time zone.
    public let date: LocalDate
    /// Years since the origin: 0 for the origin itself, `nil` when the origin's year is unknown.
    public let years: Int?
    public let isMilestone: Bool

    public init(date: LocalDate, years: Int?, isMilestone: Bool = false) {
        self.date = date
        self.years = years
        self.isMilestone = isMilestone
    }

    /// "40th"; `nil` for the origin itself and when the year is unknown.
    public var ordinal: String? {
        guard let years, years > 0 else { return nil }
        return Ordinal.string(for: years)
    }
}
