import Foundation

/// The values a reminder's templates can use.
///
/// | key | example |
/// | --- | --- |
/// | `title` | U.S.–Mongolia diplomatic relations |
/// | `notes` | the event's notes (an iCalendar DESCRIPTION); empty when it has none |
/// | `years` | 40 (empty when the origin's year is unknown) |
/// | `ordinal` | 40th (empty for the origin itself) |
/// | `milestone` | true on milestone years; use as a section: `{{#milestone}}…{{/milestone}}` |
/// | `occurrence_number` | 71: the occurrence's position in its event's series, 1 for the origin (a rule's DTSTART); empty for a yearly event with no origin year |
/// | `occurrence_ordinal` | 71st |
/// | `date` | the origin, 1987-01-27 or --01-27 |
/// | `occurrence_date` | 2027-01-27 |
/// | `weekday` | Wed |
/// | `days_until` | 7 (calendar days from the reminder's day to the occurrence) |
/// | `when` | today, tomorrow, in 7 days, in 3 hours |
/// | `lead` | 7d |
/// | `late_by` | how late a caught-up reminder is, "2h 5m"; empty when on time |
/// | `event_id` | us-mn-diplomatic-relations |
public struct TemplateContext: Sendable {
    public internal(set) var values: [String: String]

    /// Values as stored with an outbox row.
    public init(values: [String: String]) {
        self.values = values
    }

    public init(event: Event, reminder: ReminderInstant, lateBy: Duration? = nil) {
        let occurrence = reminder.occurrence
        let fireDate = event.timeZone.localDate(for: reminder.instant)
        // Room for these and the planner's `message`: planning a burst builds one per reminder.
        var values = [String: String](minimumCapacity: 15)
        values["title"] = event.title
        values["event_id"] = event.id
        values["notes"] = event.notes ?? ""
        values["years"] = occurrence.years.map(String.init) ?? ""
        values["ordinal"] = occurrence.ordinal ?? ""
        values["occurrence_number"] = occurrence.number.map(String.init) ?? ""
        values["occurrence_ordinal"] = occurrence.numberOrdinal ?? ""
        values["date"] = event.origin.description
        values["occurrence_date"] = occurrence.date.description
        values["weekday"] = occurrence.date.weekdaySymbol
        values["days_until"] = String(fireDate.days(to: occurrence.date))
        values["when"] = reminder.lead.when
        values["lead"] = reminder.lead.description
        values["late_by"] = lateBy.map(TemplateContext.humanReadable) ?? ""
        values["milestone"] = occurrence.isMilestone ? "true" : "false"
        self.values = values
    }

    /// Mustache tests a section by presence, not by content: empty values are left out, so
    /// `{{#ordinal}}` renders only when there is one, and `milestone` becomes a Bool.
    var mustacheObject: [String: Any] {
        var object: [String: Any] = values.filter { !$0.value.isEmpty }
        object["milestone"] = values["milestone"] == "true"
        return object
    }

    /// ``Event/defaultMessage`` rendered without Mustache, which was most of the time spent
    /// planning a burst of reminders; a test holds the two to the same text.
    public var defaultMessage: String {
        func value(_ key: String) -> String { values[key] ?? "" }
        let ordinal = value("ordinal")
        var text = value("title") + ": " + (ordinal.isEmpty ? value("occurrence_date") : ordinal + " anniversary")
        if values["milestone"] == "true" { text += " (milestone)" }
        return text + " " + value("when") + ", " + value("weekday") + " " + value("occurrence_date")
    }

    /// "2h 5m", "45s".
    static func humanReadable(_ duration: Duration) -> String {
        let total = Int(duration.components.seconds)
        let (days, hours, minutes, seconds) = (total / 86_400, total % 86_400 / 3600, total % 3600 / 60, total % 60)
        let parts = [(days, "d"), (hours, "h"), (minutes, "m"), (seconds, "s")].filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }
        return parts.isEmpty ? "0s" : parts.prefix(2).joined(separator: " ")
    }
}

extension Event {
    /// The text of a reminder when neither the event nor the channel has a template.
    public static let defaultMessage = try! MessageTemplate(
        "{{title}}: {{#ordinal}}{{ordinal}} anniversary{{/ordinal}}{{^ordinal}}{{occurrence_date}}{{/ordinal}}" +
        "{{#milestone}} (milestone){{/milestone}} {{when}}, {{weekday}} {{occurrence_date}}"
    )
}
