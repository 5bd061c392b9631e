import AnniversaryCore

/// The text of a reminder on a channel: the channel's template if it has one, else the event's
/// message. Both see the same values; the channel's template also sees `{{message}}`.
public enum ReminderText {
    public static func render(_ reminder: ChannelReminder, template: MessageTemplate?) -> String {
        guard let template else { return reminder.message }
        return template.render(TemplateContext(values: reminder.context))
    }
}
