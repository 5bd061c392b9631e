import AnniversaryCore
import Foundation

/// What the description of an occurrence's reminders depends on.
struct ReminderTimesKey: Hashable {
    let date: LocalDate
    let zone: String
    let instants: [Date]
    let leads: [Lead]

    init(_ date: UpcomingDate) {
        self.date = date.occurrence.date
        zone = date.event.timeZone.identifier
        instants = date.reminders.map(\.instant)
        leads = date.reminders.map(\.lead)
    }
}
