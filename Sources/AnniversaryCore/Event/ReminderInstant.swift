import Foundation

/// The moment a reminder for one occurrence of an event fires, for one lead.
public struct ReminderInstant: Hashable, Sendable {
    public let eventID: String
    public let occurrence: Occurrence
    public let lead: Lead
    /// The instant the reminder fires (UTC).
    public let instant: Date

    public init(eventID: String, occurrence: Occurrence, lead: Lead, instant: Date) {
        self.eventID = eventID
        self.occurrence = occurrence
        self.lead = lead
        self.instant = instant
    }

    /// A stable key for this reminder on one channel: the same inputs always give the same id.
    ///
    /// Used as the outbox row id and the `webhook-id` header, so receivers can drop repeats.
    public func deliveryID(channel: String) -> String {
        "\(eventID)/\(occurrence.date)/\(lead)/\(channel)"
    }
}
