import AnniversaryCore
import Foundation

extension UpcomingDate {
    /// One line of `upcoming --json`.
    func json(reminders cache: inout JSONFragmentCache<ReminderTimesKey>) -> JSONValue {
        let zone = event.timeZone
        let key = ReminderTimesKey(self)
        return .object([
            ("date", .string(occurrence.date.description)),
            ("days_until", .int(daysUntil)),
            ("event_id", .string(event.id)),
            ("milestone", .bool(occurrence.isMilestone)),
            ("ordinal", .optional(occurrence.ordinal)),
            ("reminders", cache.value(for: key) {
                .array(reminders.map { reminder in
                    .object([("at", .string(reminder.instant.iso8601(in: zone))), ("lead", .string(reminder.lead.description))])
                })
            }),
            ("tags", .strings(event.tags)),
            ("time_zone", .string(zone.identifier)),
            ("title", .string(event.title)),
            ("weekday", .string(occurrence.date.weekdaySymbol)),
            ("years", .optional(occurrence.years)),
        ])
    }
}
