import AnniversaryCore
import Foundation

/// What the description of an occurrence's reminders depends on: its date, and the event's time,
/// zone and leads, which decide the reminders' instants (``Event/reminders(for:)``). Keyed by
/// those rather than by the instants, a date builds no arrays to look its description up.
struct ReminderTimesKey: Hashable {
    let date: LocalDate
    let time: TimeOfDay
    let zone: String
    let leads: [Lead]

    init(_ date: UpcomingDate) {
        self.date = date.occurrence.date
        time = date.event.time
        zone = date.event.timeZone.identifier
        leads = date.event.leads
    }
}
