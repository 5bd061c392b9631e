import AnniversaryCore
import Foundation

/// The generic webhook's JSON body: `type`, `timestamp` (when the reminder was due) and `data`.
///
/// ```json
/// {"data":{"days_until":7,"due_at":"2027-01-20T01:00:00Z","event_id":"us-mn","late":false,
///   "late_by_seconds":null,"lead":"7d","message":"…","milestone":true,"occurrence_date":"2027-01-27",
///   "ordinal":"40th","title":"U.S.–Mongolia diplomatic relations","years":40},
///  "timestamp":"2027-01-20T01:00:00Z","type":"anniversary.reminder"}
/// ```
struct WebhookPayload: Encodable {
    struct Reminder: Encodable {
        let event_id: String
        let title: String
        let occurrence_date: String
        let years: Int?
        let ordinal: String?
        let milestone: Bool
        let lead: String
        let days_until: Int?
        let due_at: String
        let late: Bool
        let late_by_seconds: Int?
        let message: String
    }

    let type = "anniversary.reminder"
    let timestamp: String
    let data: Reminder

    init(_ reminder: ChannelReminder, text: String) {
        let dueAt = reminder.dueAt.formatted(.iso8601)
        timestamp = dueAt
        data = Reminder(
            event_id: reminder.eventID,
            title: reminder.context["title"] ?? "",
            occurrence_date: reminder.occurrenceDate.description,
            years: reminder.context["years"].flatMap { Int($0) },
            ordinal: reminder.context["ordinal"].flatMap { $0.isEmpty ? nil : $0 },
            milestone: reminder.context["milestone"] == "true",
            lead: reminder.lead.description,
            days_until: reminder.context["days_until"].flatMap { Int($0) },
            due_at: dueAt,
            late: reminder.isLate,
            late_by_seconds: reminder.lateBy.map { Int($0.components.seconds) },
            message: text
        )
    }

    static func payload(for reminder: ChannelReminder, text: String) -> ChannelPayload {
        .json(WebhookPayload(reminder, text: text))
    }
}
