import AnniversaryCore
import Foundation

/// Works out events' ``EventSchedule``s for the store, once for each kind of yearly event.
///
/// In a bulk import most events differ only in what cannot move their next reminder: id, title,
/// message, channels, and the year of an origin two or more years back. A million such events share
/// a few hundred computations instead of each resolving its settings and walking the calendar.
public struct EventPreparer {
    private let policy: SchedulePolicy
    private let reference: Date
    /// An origin in this year or before cannot change where `Event.nextReminder(after:)` starts
    /// looking (the reference's local year less one, which in any time zone is no earlier).
    private let latestIrrelevantOriginYear: Int
    private var known: [Kind: EventSchedule] = [:]
    /// Events with settings of their own may all differ: remember no more kinds than this.
    private static let capacity = 4096

    /// What, besides the origin's year, decides a yearly event's schedule.
    private struct Kind: Hashable {
        let month: Int
        let day: Int
        let tags: [String]
        let until: LocalDate?
        let time: TimeOfDay?
        let timeZoneIdentifier: String?
        let leads: [Lead]?
        let leapDay: LeapDayPolicy?
    }

    /// - Parameter reference: The instant after which next reminders are due.
    public init(policy: SchedulePolicy, after reference: Date) {
        self.policy = policy
        self.reference = reference
        latestIrrelevantOriginYear = TimeZone(secondsFromGMT: 0)!.localDate(for: reference).year - 2
    }

    mutating func schedule(for definition: EventDefinition) -> EventSchedule {
        guard definition.recurrence == .yearly, (definition.origin.year ?? .min) <= latestIrrelevantOriginYear else {
            return EventSchedule(definition, policy: policy, after: reference)
        }
        let kind = Kind(
            month: definition.origin.month, day: definition.origin.day, tags: definition.tags, until: definition.until,
            time: definition.time, timeZoneIdentifier: definition.timeZoneIdentifier, leads: definition.leads, leapDay: definition.leapDay
        )
        if let known = known[kind] { return known }
        let schedule = EventSchedule(definition, policy: policy, after: reference)
        if known.count < Self.capacity { known[kind] = schedule }
        return schedule
    }
}
