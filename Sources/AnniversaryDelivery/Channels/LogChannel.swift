import AnniversaryCore
import Logging

/// Writes reminders to the daemon's log, one `notice` line each, with the facts as metadata.
public struct LogChannel: DeliveryChannel {
    public let name: String
    let template: MessageTemplate?
    let logger: Logger

    public init(name: String = "log", template: MessageTemplate? = nil, logger: Logger) {
        self.name = name
        self.template = template
        self.logger = logger
    }

    public func deliver(_ reminder: ChannelReminder) async throws(DeliveryError) {
        var metadata: Logger.Metadata = [
            "event.id": "\(reminder.eventID)",
            "reminder.occurrence": "\(reminder.occurrenceDate)",
            "reminder.lead": "\(reminder.lead)",
            "delivery.id": "\(reminder.id)",
        ]
        if let late = reminder.context["late_by"], !late.isEmpty { metadata["reminder.late_by"] = "\(late)" }
        logger.notice("\(ReminderText.render(reminder, template: template))", metadata: metadata)
    }
}
