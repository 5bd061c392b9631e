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
    public static func list(_ events: some Sequence<Event>, from start: LocalDate, through end: LocalDate, today: LocalDate? = nil) -> [UpcomingDate] {
        let today = today ?? start
        var dates: [UpcomingDate] = []
        for event in events {
            for occurrence in event.occurrences(from: start, through: end) {
                dates.append(UpcomingDate(
                    event: event, occurrence: occurrence, reminders: event.reminders(for: occurrence),
                    daysUntil: today.days(to: occurrence.date)
                ))
            }
        }
        // In place: a sort moves values without copying them (a copy retains every field).
        dates.sort { x, y in
            if x.occurrence.date != y.occurrence.date { return x.occurrence.date < y.occurrence.date }
            if x.event.time != y.event.time { return x.event.time < y.event.time }
            if x.event.title != y.event.title { return x.event.title < y.event.title }
            return x.event.id < y.event.id
        }
        return dates
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
