import Foundation

extension TimeZone {
    /// The instant a local date and time names in this zone.
    ///
    /// A time that does not exist (in a DST gap) is read with the UTC offset in force before the
    /// gap, as RFC 5545 and java.time do: 02:30 on New York's spring-forward day is 03:30 EDT. A
    /// time that occurs twice (in an overlap) is the first, earlier instant.
    public func instant(for date: LocalDate, at time: TimeOfDay) -> Date {
        let second = epochSecond(for: date, at: time)
        return time.millisecond == 0 ? Date(epochSecond: second) : Date(epochSecond: second).addingTimeInterval(Double(time.millisecond) / 1000)
    }

    private func epochSecond(for date: LocalDate, at time: TimeOfDay) -> Int {
        let naive = date.daysSinceEpoch * 86_400 + time.secondsSinceMidnight
        // Offsets a day either side bracket any single transition near the local time.
        let offsetBefore = offset(atEpochSecond: naive - 86_400)
        let offsetAfter = offset(atEpochSecond: naive + 86_400)
        let early = naive - offsetBefore
        if offsetBefore == offsetAfter { return early }
        let late = naive - offsetAfter
        let earlyIsValid = offset(atEpochSecond: early) == offsetBefore
        let lateIsValid = offset(atEpochSecond: late) == offsetAfter
        switch (earlyIsValid, lateIsValid) {
        case (true, true): return min(early, late)
        case (false, true): return late
        // Valid only with the earlier offset, or in a gap where neither is: the offset before wins.
        case (true, false), (false, false): return early
        }
    }

    /// The local calendar date of an instant in this zone.
    public func localDate(for instant: Date) -> LocalDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + offset(atEpochSecond: Int(instant.timeIntervalSince1970.rounded(.down)))
        return LocalDate(daysSinceEpoch: seconds.floorDivided(by: 86_400))
    }

    /// The local wall-clock time of an instant in this zone.
    public func timeOfDay(for instant: Date) -> TimeOfDay {
        let epoch = Int(instant.timeIntervalSince1970.rounded(.down))
        let seconds = (epoch + offset(atEpochSecond: epoch)).floorModulo(86_400)
        return TimeOfDay(hour: seconds / 3600, minute: seconds % 3600 / 60, second: seconds % 60)!
    }

    func offset(atEpochSecond second: Int) -> Int {
        secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second)))
    }
}

extension Date {
    init(epochSecond: Int) {
        self.init(timeIntervalSince1970: TimeInterval(epochSecond))
    }
}

extension Int {
    func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    func floorModulo(_ divisor: Int) -> Int {
        ((self % divisor) + divisor) % divisor
    }
}
