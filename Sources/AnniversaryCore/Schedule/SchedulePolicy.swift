import Foundation

/// The defaults and tag rules that turn an ``EventDefinition`` into an ``Event``.
///
/// Precedence, lowest first: the defaults, then each rule whose tags the event carries (later
/// rules win), then what the event itself says.
public struct SchedulePolicy: Hashable, Sendable {
    /// Settings a rule may refine; `nil` leaves the earlier value.
    public struct Settings: Hashable, Sendable {
        public var time: TimeOfDay?
        public var timeZone: TimeZone?
        public var leads: [Lead]?
        public var channels: [String]?
        public var leapDay: LeapDayPolicy?
        public var milestones: Set<Int>?

        public init(
            time: TimeOfDay? = nil,
            timeZone: TimeZone? = nil,
            leads: [Lead]? = nil,
            channels: [String]? = nil,
            leapDay: LeapDayPolicy? = nil,
            milestones: Set<Int>? = nil
        ) {
            self.time = time
            self.timeZone = timeZone
            self.leads = leads
            self.channels = channels
            self.leapDay = leapDay
            self.milestones = milestones
        }
    }

    /// Settings for events carrying any of `tags`.
    public struct Rule: Hashable, Sendable {
        public var tags: Set<String>
        public var settings: Settings

        public init(tags: Set<String>, settings: Settings) {
            self.tags = tags
            self.settings = settings
        }
    }

    /// Milestones when the configuration names none: round numbers people celebrate.
    public static let defaultMilestones: Set<Int> = [1, 5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100]

    public var time: TimeOfDay
    public var timeZone: TimeZone
    public var leads: [Lead]
    public var channels: [String]
    public var leapDay: LeapDayPolicy
    public var milestones: Set<Int>
    public var rules: [Rule]

    public init(
        time: TimeOfDay = TimeOfDay(hour: 9, minute: 0)!,
        timeZone: TimeZone = .current,
        leads: [Lead] = [.onTheDay],
        channels: [String] = ["log"],
        leapDay: LeapDayPolicy = .feb28,
        milestones: Set<Int> = SchedulePolicy.defaultMilestones,
        rules: [Rule] = []
    ) {
        self.time = time
        self.timeZone = timeZone
        self.leads = leads
        self.channels = channels
        self.leapDay = leapDay
        self.milestones = milestones
        self.rules = rules
    }

    /// The event with every setting resolved.
    ///
    /// - Throws: ``UnknownTimeZone`` when the definition names a zone the system does not know.
    public func resolve(_ definition: EventDefinition) throws(UnknownTimeZone) -> Event {
        // Only what rules set; the defaults come in below. (Starting from a copy of the defaults
        // retained and released four of them per event, for nothing when no rule applies.)
        var settings = Settings()
        for rule in rules where !rule.tags.isDisjoint(with: definition.tags) {
            settings.merge(rule.settings)
        }
        var zone = settings.timeZone ?? timeZone
        if let identifier = definition.timeZoneIdentifier {
            guard let named = TimeZone(identifier: identifier) else { throw UnknownTimeZone(identifier: identifier) }
            zone = named
        }
        return Event(
            id: definition.id,
            title: definition.title,
            origin: definition.origin,
            recurrence: definition.recurrence,
            time: definition.time ?? settings.time ?? time,
            timeZone: zone,
            leads: definition.leads ?? settings.leads ?? leads,
            channels: definition.channels ?? settings.channels ?? channels,
            leapDay: definition.leapDay ?? settings.leapDay ?? leapDay,
            tags: definition.tags,
            message: definition.message,
            notes: definition.notes,
            until: definition.until,
            milestones: settings.milestones ?? milestones,
            exdates: definition.exdates,
            rdates: definition.rdates
        )
    }

    /// A stable text that changes whenever any setting that affects reminder instants changes.
    public var fingerprint: String {
        var parts = ["\(time)", timeZone.identifier, leads.map(\.description).joined(separator: ","),
                     channels.joined(separator: ","), leapDay.rawValue, milestones.sorted().map(String.init).joined(separator: ",")]
        for rule in rules {
            let s = rule.settings
            parts.append("rule[\(rule.tags.sorted().joined(separator: ","))]" +
                "\(s.time?.description ?? "")|\(s.timeZone?.identifier ?? "")|" +
                "\(s.leads?.map(\.description).joined(separator: ",") ?? "")|" +
                "\(s.channels?.joined(separator: ",") ?? "")|\(s.leapDay?.rawValue ?? "")|" +
                "\(s.milestones?.sorted().map(String.init).joined(separator: ",") ?? "")")
        }
        return parts.joined(separator: ";")
    }
}

extension SchedulePolicy.Settings {
    mutating func merge(_ other: Self) {
        time = other.time ?? time
        timeZone = other.timeZone ?? timeZone
        leads = other.leads ?? leads
        channels = other.channels ?? channels
        leapDay = other.leapDay ?? leapDay
        milestones = other.milestones ?? milestones
    }
}

/// A time zone identifier that is not in the system's time zone database.
public struct UnknownTimeZone: Error, Hashable, Sendable, CustomStringConvertible {
    public let identifier: String

    public init(identifier: String) {
        self.identifier = identifier
    }

    public var description: String { "unknown time zone \"\(identifier)\"" }
}
