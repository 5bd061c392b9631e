/// The date an event happened: a month and day, and the year when it is known.
///
/// Written `1987-01-27`, or `--01-27` when the year is unknown (ISO 8601's reduced form, as in
/// vCard birthdays). An origin with no year has occurrences but no `years` count.
public struct OriginDate: Hashable, Sendable {
    public let year: Int?
    public let month: Int
    public let day: Int

    /// Creates an origin, or returns `nil` when the day does not exist. With no year, Feb 29 is
    /// allowed.
    public init?(year: Int?, month: Int, day: Int) {
        if let year {
            guard LocalDate(year: year, month: month, day: day) != nil else { return nil }
        } else {
            guard (1...12).contains(month), (1...LocalDate.numberOfDays(inMonth: month, year: 2000)).contains(day)
            else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    public init(_ date: LocalDate) {
        self.year = date.year
        self.month = date.month
        self.day = date.day
    }

    /// The full date, when the year is known.
    public var localDate: LocalDate? {
        year.flatMap { LocalDate(year: $0, month: month, day: day) }
    }

    /// Whether the origin falls on February 29.
    public var isLeapDay: Bool { month == 2 && day == 29 }
}

extension OriginDate: CustomStringConvertible, LosslessStringConvertible {
    /// Parses `YYYY-MM-DD` or `--MM-DD`.
    public init?(_ description: String) {
        if description.hasPrefix("--") {
            let parts = description.dropFirst(2).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
                  let month = Int(parts[0]), let day = Int(parts[1])
            else { return nil }
            self.init(year: nil, month: month, day: day)
        } else {
            guard let date = LocalDate(description) else { return nil }
            self.init(date)
        }
    }

    public var description: String {
        let monthDay = "\(zeroPadded(month, width: 2))-\(zeroPadded(day, width: 2))"
        return year.map { "\(zeroPadded($0, width: 4))-\(monthDay)" } ?? "--\(monthDay)"
    }
}
