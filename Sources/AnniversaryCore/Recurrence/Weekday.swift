/// A day of the week, numbered as ISO 8601 does: Monday is 1, Sunday 7.
public enum Weekday: Int, Hashable, Sendable, CaseIterable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// RFC 5545's two-letter name: `MO` … `SU`.
    public var code: String {
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][rawValue - 1]
    }

    /// Reads a two-letter name, in any case.
    public init?(code: some StringProtocol) {
        guard let index = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].firstIndex(of: code.uppercased()) else { return nil }
        self.init(rawValue: index + 1)
    }
}

extension LocalDate {
    public var weekday: Weekday { Weekday(rawValue: isoWeekday)! }
}
