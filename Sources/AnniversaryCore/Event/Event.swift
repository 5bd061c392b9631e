import Foundation

/// A dated event with every setting resolved: what the calendar engine evaluates.
///
/// Events come from event files or the CLI as ``EventDefinition`` values; a ``SchedulePolicy``
/// fills in the defaults and tag rules to make an `Event`.
public struct Event: Hashable, Sendable, Identifiable {
    /// The settings, in one shared box: an event is copied into every date of a listing and every
    /// planned reminder, and a copy then retains one reference instead of each text and list.
    private let box: Box

    /// Stable key, such as `us-mn-diplomatic-relations`.
    public var id: String { box.fields.id }
    public var title: String { box.fields.title }
    public var origin: OriginDate { box.fields.origin }
    public var recurrence: Recurrence { box.fields.recurrence }
    /// Local time of day reminders fire, in ``timeZone``.
    public var time: TimeOfDay { box.fields.time }
    public var timeZone: TimeZone { box.fields.timeZone }
    /// Lead times, longest first.
    public var leads: [Lead] { box.fields.leads }
    /// Names of the channels reminders go to.
    public var channels: [String] { box.fields.channels }
    public var leapDay: LeapDayPolicy { box.fields.leapDay }
    public var tags: [String] { box.fields.tags }
    /// The event's Mustache message template, if it has its own.
    public var message: String? { box.fields.message }
    /// Free text about the event, for templates as `notes`.
    public var notes: String? { box.fields.notes }
    /// The last local date an occurrence may fall on, inclusive.
    public var until: LocalDate? { box.fields.until }
    /// Anniversary counts (`years`) that are milestones.
    public var milestones: Set<Int> { box.fields.milestones }
    /// Dates removed from a rule's series.
    public var exdates: [LocalDate] { box.fields.exdates }
    /// Dates added to a rule's series.
    public var rdates: [LocalDate] { box.fields.rdates }
    /// A rule event's dates; `nil` for yearly and once events, and for a rule without an origin year.
    public var series: RecurrenceSeries? { box.series }

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
        notes: String? = nil,
        until: LocalDate? = nil,
        milestones: Set<Int> = [],
        exdates: [LocalDate] = [],
        rdates: [LocalDate] = []
    ) {
        // Most lists arrive sorted and without repeats; only build a set when they do not.
        let isOrdered = zip(leads, leads.dropFirst()).allSatisfy { $0 < $1 }
        box = Box(Fields(
            id: id, title: title, origin: origin, recurrence: recurrence, time: time, timeZone: timeZone,
            leads: isOrdered ? leads : Array(Set(leads)).sorted(), channels: channels, leapDay: leapDay, tags: tags,
            message: message, notes: notes, until: until, milestones: milestones, exdates: exdates, rdates: rdates
        ))
    }

    public static func == (lhs: Event, rhs: Event) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        box.fields.hash(into: &hasher)
    }

    private struct Fields: Hashable, Sendable {
        let id: String
        let title: String
        let origin: OriginDate
        let recurrence: Recurrence
        let time: TimeOfDay
        let timeZone: TimeZone
        let leads: [Lead]
        let channels: [String]
        let leapDay: LeapDayPolicy
        let tags: [String]
        let message: String?
        let notes: String?
        let until: LocalDate?
        let milestones: Set<Int>
        let exdates: [LocalDate]
        let rdates: [LocalDate]
    }

    private final class Box: Sendable {
        let fields: Fields
        let series: RecurrenceSeries?

        init(_ fields: Fields) {
            self.fields = fields
            if let rule = fields.recurrence.rule, let start = fields.origin.localDate {
                series = RecurrenceSeries(
                    rule: rule, start: start, time: fields.time, timeZone: fields.timeZone, until: fields.until,
                    exdates: fields.exdates, rdates: fields.rdates
                )
            } else {
                series = nil
            }
        }
    }
}
