import AnniversaryCore
import AnniversaryStore
import Foundation

extension OutboxEntry {
    /// One line of `deliveries --json`. Holds no URL and no secret: the outbox stores neither.
    var json: JSONValue {
        .object([
            ("attempts", .int(attempts)),
            ("channel", .string(reminder.channel)),
            ("due_at", .string(reminder.dueAt.iso8601(in: .gmt))),
            ("event_id", .string(reminder.eventID)),
            ("id", .string(reminder.id)),
            ("last_error", .optional(lastError)),
            ("late_by_seconds", .optional(reminder.lateBy.map { Int($0.components.seconds) })),
            ("lead", .string(reminder.lead.description)),
            ("message", .string(reminder.message)),
            ("occurrence_date", .string(reminder.occurrenceDate.description)),
            ("status", .string(status.rawValue)),
            ("updated_at", .string(updatedAt.iso8601(in: .gmt))),
        ])
    }
}
