import Foundation

/// A dated event with every setting resolved: what the calendar engine evaluates.
///
/// Events come from event files or the CLI as ``EventDefinition`` values; a ``SchedulePolicy``
/// fills in the defaults and tag rules to make an `Event`.
public struct Event: Hashable, Sendable, Identifiable {
    /// Stable key, such as `us-mn-diplomatic-relations`.
    public var id: String
    public var title: String
    public var origin: OriginDate
    public var recurrence: Recurrence
    /// Local time of day reminders fire, in ``timeZone``.
    public var time: TimeOfDay
    public var timeZone: TimeZone
    /// Lead times, longest first.
    public var leads: [Lead]
    /// Names of the channels reminders go to.
    public var channels: [String]
    public var leapDay: LeapDayPolicy
    public var tags: [String]
    /// The event's Mustache message template, if it has its own.
    public var message: String?
    /// The last local date an occurrence may fall on, inclusive.
    public var until: LocalDate?
    /// Anniversary counts (`years`) that are milestones.
    public var milestones: Set<Int>

    public init(
        id: String,
        title: String,
        origin: OriginDate,
        recurrence: Recurrence = .yearly,
        time: TimeOfDay = .midnight,
        timeZone: TimeZone,
        leads: [Lead] = [.onTheDay],
        channels: [String] = [],
        leapDay: LeapDayPolicy = .feb28,
        tags: [String] = [],
        message: String? = nil,
        until: LocalDate? = nil,
        milestones: Set<Int> = []
    ) {
        self.id = id
        self.title = title
        self.origin = origin
        self.recurrence = recurrence
        self.time = time
        self.timeZone = timeZone
        // Most lists arrive sorted and without repeats; only build a set when they do not.
        let isOrdered = zip(leads, leads.dropFirst()).allSatisfy { $0 < $1 }
        self.leads = isOrdered ? leads : Array(Set(leads)).sorted()
        self.channels = channels
        self.leapDay = leapDay
        self.tags = tags
        self.message = message
        self.until = until
        self.milestones = milestones
    }
}
