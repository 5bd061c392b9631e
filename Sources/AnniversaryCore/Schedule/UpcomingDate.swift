import Foundation

/// One date in a listing of upcoming dates: an event's occurrence and when its reminders fire.
public struct UpcomingDate: Sendable {
    public let event: Event
    public let occurrence: Occurrence
    /// Earliest first.
    public let reminders: [ReminderInstant]
    /// Calendar days from the listing's first day to the occurrence.
    public let daysUntil: Int

    /// The occurrences of `events` on dates in `start...end`, by date, then local time, then title.
    public static func list(_ events: some Sequence<Event>, from start: LocalDate, through end: LocalDate) -> [UpcomingDate] {
        var dates: [UpcomingDate] = []
        for event in events {
            for occurrence in event.occurrences(from: start, through: end) {
                dates.append(UpcomingDate(
                    event: event, occurrence: occurrence, reminders: event.reminders(for: occurrence),
                    daysUntil: start.days(to: occurrence.date)
                ))
            }
        }
        return dates.sorted {
            ($0.occurrence.date, $0.event.time, $0.event.title, $0.event.id) < ($1.occurrence.date, $1.event.time, $1.event.title, $1.event.id)
        }
    }

    /// "today", "tomorrow", "in 12 days".
    public var when: String {
        switch daysUntil {
        case 0: "today"
        case 1: "tomorrow"
        default: "in \(daysUntil) days"
        }
    }
}
