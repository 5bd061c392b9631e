import AnniversaryCore
import Foundation

/// An event definition with its next reminder worked out, ready to be stored.
///
/// Preparing is pure: a bulk import prepares its next batch on another thread while the store
/// writes this one.
public struct PreparedEvent: Sendable {
    public let definition: EventDefinition
    let nextFireAt: Date?
    let leadSpanDays: Int

    /// - Parameter reference: The instant after which the next reminder is due: the store's mark
    ///   (``CalendarStore/addEvents(replacing:now:expectedCount:batches:)`` hands it over).
    public init(_ definition: EventDefinition, policy: SchedulePolicy, after reference: Date) {
        let event = try? policy.resolve(definition)
        self.definition = definition
        nextFireAt = event?.nextReminder(after: reference)?.instant
        leadSpanDays = event?.leads.first?.spanInDays ?? 0
    }

    /// The events grouped by month-day, the table's key order, keeping their order within a day:
    /// a bulk insert then appends to one part of the table at a time instead of all over it.
    public static func inKeyOrder(_ events: [PreparedEvent]) -> [PreparedEvent] {
        guard events.count > 1000 else { return events }
        var days = [[Int]](repeating: [], count: 1232)
        for (index, event) in events.enumerated() { days[event.definition.monthDay].append(index) }
        return days.joined().map { events[$0] }
    }
}
