import AnniversaryCore
import Foundation

/// The generic webhook's JSON body: `type`, `timestamp` (when the reminder was due) and `data`.
///
/// ```json
/// {"data":{"days_until":7,"due_at":"2027-01-20T01:00:00Z","event_id":"us-mn","late":false,
///   "late_by_seconds":null,"lead":"7d","message":"…","milestone":true,"occurrence_date":"2027-01-27",
///   "occurrence_number":41,"ordinal":"40th","title":"U.S.–Mongolia diplomatic relations","years":40},
///  "timestamp":"2027-01-20T01:00:00Z","type":"anniversary.reminder"}
/// ```
enum WebhookPayload {
    static func payload(for reminder: ChannelReminder, text: String) -> ChannelPayload {
        let dueAt = JSONValue.string(reminder.dueAt.iso8601(in: .gmt))
        let data = JSONValue.object([
            ("days_until", .optional(reminder.context["days_until"].flatMap { Int($0) })),
            ("due_at", dueAt),
            ("event_id", .string(reminder.eventID)),
            ("late", .bool(reminder.isLate)),
            ("late_by_seconds", .optional(reminder.lateBy.map { Int($0.components.seconds) })),
            ("lead", .string(reminder.lead.description)),
            ("message", .string(text)),
            ("milestone", .bool(reminder.context["milestone"] == "true")),
            ("occurrence_date", .string(reminder.occurrenceDate.description)),
            ("occurrence_number", .optional(reminder.context["occurrence_number"].flatMap { Int($0) })),
            ("ordinal", .optional(reminder.context["ordinal"].flatMap { $0.isEmpty ? nil : $0 })),
            ("title", .string(reminder.context["title"] ?? "")),
            ("years", .optional(reminder.context["years"].flatMap { Int($0) })),
        ])
        return .json(.object([("data", data), ("timestamp", dueAt), ("type", .string("anniversary.reminder"))]))
    }
}
