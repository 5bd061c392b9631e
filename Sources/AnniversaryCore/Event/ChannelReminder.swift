import Foundation

/// One reminder for one channel: what the outbox stores and a channel delivers.
public struct ChannelReminder: Hashable, Sendable, Identifiable {
    /// Deterministic from (event, occurrence, lead, channel): the same on every attempt.
    public let id: String
    public let eventID: String
    public let channel: String
    public let occurrenceDate: LocalDate
    public let lead: Lead
    /// When the reminder was due.
    public let dueAt: Date
    /// How late it was when it was planned: `nil` when it went out on time.
    public let lateBy: Duration?
    /// The template values, with `message` holding the event's rendered message.
    public let context: [String: String]

    public init(id: String, eventID: String, channel: String, occurrenceDate: LocalDate, lead: Lead, dueAt: Date, lateBy: Duration?, context: [String: String]) {
        self.id = id
        self.eventID = eventID
        self.channel = channel
        self.occurrenceDate = occurrenceDate
        self.lead = lead
        self.dueAt = dueAt
        self.lateBy = lateBy
        self.context = context
    }

    public var isLate: Bool { lateBy != nil }

    /// The event's message: its own template, else the default text.
    public var message: String { context["message"] ?? "" }
}
