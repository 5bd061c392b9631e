import AnniversaryCore
import Foundation

/// The columns an event's definition and the policy decide: its next reminder, and how far ahead
/// of an occurrence its reminders reach.
struct EventSchedule: Equatable {
    let nextFireAt: Date?
    let leadSpanDays: Int

    /// - Parameter reference: The instant after which the next reminder is due: the store's mark
    ///   (``CalendarStore/addEvents(replacing:now:expectedCount:batches:)`` hands it over).
    init(_ definition: EventDefinition, policy: SchedulePolicy, after reference: Date) {
        let event = try? policy.resolve(definition)
        nextFireAt = event?.nextReminder(after: reference)?.instant
        leadSpanDays = event?.leads.first?.spanInDays ?? 0
    }
}
