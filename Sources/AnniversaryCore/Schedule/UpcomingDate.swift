import Foundation

/// One date in a listing of upcoming dates: an event's occurrence and when its reminders fire.
public struct UpcomingDate: Sendable {
    public let event: Event
    public let occurrence: Occurrence
    /// Earliest first.
    public let reminders: [ReminderInstant]
    /// Calendar days from the listing's first day ("today") to the occurrence.
    public let daysUntil: Int

    /// The occurrences of `events` on dates in `start...end`, by date, then local time, then title.
    ///
    /// - Parameter today: The day `daysUntil` counts from. Default: `start`.
    public static func list(_ events: consuming [Event], from start: LocalDate, through end: LocalDate, today: LocalDate? = nil) -> [UpcomingDate] {
        let today = today ?? start
        var dates: [UpcomingDate] = []
        dates.reserveCapacity(events.count)
        // Each event is moved out of the array and, for its last occurrence, into its date: no
        // copy to retain and release for the one occurrence most events have in a listing.
        while let event = events.popLast() {
            var occurrences = event.occurrences(from: start, through: end)[...]
            guard let last = occurrences.popLast() else { continue }
            for occurrence in occurrences {
                dates.append(UpcomingDate(event: event, occurrence: occurrence, today: today))
            }
            dates.append(UpcomingDate(event: event, occurrence: last, today: today))
        }
        // In place: a sort moves values without copying them (a copy retains each reference).
        dates.sort { x, y in
            if x.occurrence.date != y.occurrence.date { return x.occurrence.date < y.occurrence.date }
            if x.event.time != y.event.time { return x.event.time < y.event.time }
            if x.event.title != y.event.title { return x.event.title < y.event.title }
            return x.event.id < y.event.id
        }
        return dates
    }

    private init(event: consuming Event, occurrence: Occurrence, today: LocalDate) {
        reminders = event.reminders(for: occurrence)
        daysUntil = today.days(to: occurrence.date)
        self.occurrence = occurrence
        self.event = event
    }

    /// "today", "tomorrow", "in 12 days".
    public var when: String { Self.when(daysUntil: daysUntil) }

    /// "today", "tomorrow", "in 12 days".
    public static func when(daysUntil: Int) -> String {
        switch daysUntil {
        case 0: "today"
        case 1: "tomorrow"
        default: "in \(daysUntil) days"
        }
    }
}
