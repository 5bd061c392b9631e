import AnniversaryCore
import Foundation

/// The columns an event's definition and the policy decide: its next reminder, and how far ahead
/// of an occurrence its reminders reach.
struct EventSchedule: Equatable {
    let nextFireAt: Date?
    let leadSpanDays: Int
    /// For a rule event: its first date on or after ``occursFrom``, which `upcoming` reads rule
    /// events by (``RuleIndex``); `nil` when it has none.
    let nextOccurrence: LocalDate?
    /// For a rule event: two days before the reference's UTC date, which no time zone's local
    /// date of the reference precedes.
    let occursFrom: LocalDate?

    /// - Parameter reference: The instant after which the next reminder is due: the store's mark
    ///   (``CalendarStore/addEvents(replacing:now:expectedCount:batches:)`` hands it over).
    init(_ definition: EventDefinition, policy: SchedulePolicy, after reference: Date) {
        let event = try? policy.resolve(definition)
        nextFireAt = event?.nextReminder(after: reference)?.instant
        leadSpanDays = event?.leads.first?.spanInDays ?? 0
        if definition.recurrence.rule != nil {
            let from = TimeZone.gmt.localDate(for: reference).adding(days: -2)
            occursFrom = from
            nextOccurrence = event?.series?.first(onOrAfter: from)?.date
        } else {
            (occursFrom, nextOccurrence) = (nil, nil)
        }
    }
}
