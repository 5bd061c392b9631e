/// One date on which an event falls: its origin, or an anniversary of it.
public struct Occurrence: Hashable, Sendable {
    /// The local date, in the event's time zone.
    public let date: LocalDate
    /// Years since the origin: 0 for the origin itself, `nil` when the origin's year is unknown.
    public let years: Int?
    public let isMilestone: Bool
    /// The occurrence's position in its event's series, 1 for the first: the origin of a yearly
    /// or once event, a rule's DTSTART (or the first date EXDATEs leave). `nil` for a yearly
    /// event whose origin has no year.
    public let number: Int?

    public init(date: LocalDate, years: Int?, isMilestone: Bool = false, number: Int? = nil) {
        self.date = date
        self.years = years
        self.isMilestone = isMilestone
        self.number = number ?? years.map { $0 + 1 }
    }

    /// "40th"; `nil` for the origin itself and when the year is unknown.
    public var ordinal: String? {
        guard let years, years > 0 else { return nil }
        return Ordinal.string(for: years)
    }

    /// "71st": ``number`` as an ordinal.
    public var numberOrdinal: String? {
        number.map(Ordinal.string(for:))
    }
}
