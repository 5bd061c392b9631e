import AnniversaryCore
import Foundation

extension ChannelReminder {
    /// One line of `simulate --json`.
    func json(zone: TimeZone) -> JSONValue {
        .object([
            ("channel", .string(channel)),
            ("due_at", .string(dueAt.iso8601(in: .gmt))),
            ("event_id", .string(eventID)),
            ("id", .string(id)),
            ("lead", .string(lead.description)),
            ("local", .string(dueAt.iso8601(in: zone))),
            ("message", .string(message)),
            ("milestone", .bool(context["milestone"] == "true")),
            ("occurrence_date", .string(occurrenceDate.description)),
            ("occurrence_number", .optional(context["occurrence_number"].flatMap { Int($0) })),
            ("ordinal", .optional(context["ordinal"].flatMap { $0.isEmpty ? nil : $0 })),
            ("years", .optional(context["years"].flatMap { Int($0) })),
        ])
    }
}
