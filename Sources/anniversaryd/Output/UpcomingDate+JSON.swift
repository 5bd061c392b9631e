import AnniversaryCore
import Foundation

extension UpcomingDate {
    /// One line of `upcoming --json`, keys in sorted order.
    ///
    /// Written field by field rather than as a `JSONValue` tree: a listing writes hundreds of
    /// thousands of these, and the tree's array of members per line was a third of the work.
    func writeJSON(to bytes: inout [UInt8], reminders cache: inout JSONFragmentCache<ReminderTimesKey>) {
        let zone = event.timeZone
        bytes += #"{"date":""#.utf8
        bytes += occurrence.date.description.utf8
        bytes += #"","days_until":"#.utf8
        bytes += String(daysUntil).utf8
        bytes += #","event_id":"#.utf8
        JSONValue.writeString(event.id, to: &bytes)
        bytes += #","milestone":"#.utf8
        bytes += (occurrence.isMilestone ? "true" : "false").utf8
        bytes += #","occurrence_number":"#.utf8
        JSONValue.optional(occurrence.number).write(to: &bytes)
        bytes += #","ordinal":"#.utf8
        JSONValue.optional(occurrence.ordinal).write(to: &bytes)
        bytes += #","reminders":"#.utf8
        cache.value(for: ReminderTimesKey(self)) {
            .array(reminders.map { reminder in
                .object([("at", .string(reminder.instant.iso8601(in: zone))), ("lead", .string(reminder.lead.description))])
            })
        }.write(to: &bytes)
        bytes += #","tags":"#.utf8
        JSONValue.strings(event.tags).write(to: &bytes)
        bytes += #","time_zone":"#.utf8
        JSONValue.writeString(zone.name, to: &bytes)
        bytes += #","title":"#.utf8
        JSONValue.writeString(event.title, to: &bytes)
        bytes += #","weekday":""#.utf8
        bytes += occurrence.date.weekdaySymbol.utf8
        bytes += #"","years":"#.utf8
        JSONValue.optional(occurrence.years).write(to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }
}
