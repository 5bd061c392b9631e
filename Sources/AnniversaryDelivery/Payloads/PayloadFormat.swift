import AnniversaryCore
import Foundation

/// The body format a webhook channel sends.
public enum PayloadFormat: Hashable, Sendable {
    /// The documented `anniversary.reminder` JSON, signed per Standard Webhooks.
    case webhook
    case slack
    case discord
    /// ntfy's JSON publish, with the topic taken from the configured URL.
    case ntfy(topic: String)
    /// A Teams Workflows Adaptive Card.
    case teams

    /// The request body for one reminder whose text the channel has rendered.
    public func payload(for reminder: ChannelReminder, text: String) -> ChannelPayload {
        switch self {
        case .webhook: WebhookPayload.payload(for: reminder, text: text)
        case .slack: SlackPayload.payload(for: reminder, text: text)
        case .discord: DiscordPayload.payload(for: reminder, text: text)
        case .ntfy(let topic): NtfyPayload.payload(for: reminder, text: text, topic: topic)
        case .teams: TeamsPayload.payload(for: reminder, text: text)
        }
    }
}
