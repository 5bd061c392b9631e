import Foundation

/// An event as written in an event file or given to the CLI: settings it leaves out come from the
/// ``SchedulePolicy``.
public struct EventDefinition: Hashable, Sendable, Identifiable {
    public var id: String
    public var title: String
    public var origin: OriginDate
    public var recurrence: Recurrence
    public var tags: [String]
    public var message: String?
    /// Free text about the event (an iCalendar DESCRIPTION), for templates as `notes`.
    public var notes: String?
    public var until: LocalDate?
    public var time: TimeOfDay?
    /// An IANA time zone identifier such as `Asia/Ulaanbaatar`.
    public var timeZoneIdentifier: String?
    public var leads: [Lead]?
    public var channels: [String]?
    public var leapDay: LeapDayPolicy?
    /// Dates removed from a rule's series (EXDATE).
    public var exdates: [LocalDate]
    /// Dates added to a rule's series (RDATE).
    public var rdates: [LocalDate]

    public init(
        id: String,
        title: String,
        origin: OriginDate,
        recurrence: Recurrence = .yearly,
        tags: [String] = [],
        message: String? = nil,
        notes: String? = nil,
        until: LocalDate? = nil,
        time: TimeOfDay? = nil,
        timeZoneIdentifier: String? = nil,
        leads: [Lead]? = nil,
        channels: [String]? = nil,
        leapDay: LeapDayPolicy? = nil,
        exdates: [LocalDate] = [],
        rdates: [LocalDate] = []
    ) {
        self.id = id
        self.title = title
        self.origin = origin
        self.recurrence = recurrence
        self.tags = tags
        self.message = message
        self.notes = notes
        self.until = until
        self.time = time
        self.timeZoneIdentifier = timeZoneIdentifier
        self.leads = leads
        self.channels = channels
        self.leapDay = leapDay
        self.exdates = exdates
        self.rdates = rdates
    }
}

extension EventDefinition {
    /// Whether `id` can name an event (or a channel): 1 to 200 ASCII letters, digits, `.`, `_`
    /// and `-`, starting with a letter or digit. Ids appear in delivery ids and file names.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, id.utf8.count <= 200, isAlphanumeric(first) else { return false }
        return id.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ||
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
