import AnniversaryCore
import Foundation

/// An ntfy JSON publish: posted to the server's root with the topic in the body.
///
/// The configured URL is the topic's (`https://ntfy.sh/anniversaries`). Messages are limited to
/// 4,096 bytes (ntfy turns longer ones into attachments). Milestones get priority 4 and a 🎉 tag.
struct NtfyPayload: Encodable {
    let topic: String
    let title: String
    let message: String
    let priority: Int
    let tags: [String]

    static let messageLimit = 4096
    static let titleLimit = 256

    /// The server's root and the topic, from the topic's URL; `nil` when the URL names no topic.
    static func endpoint(of url: URL) -> (server: URL, topic: String)? {
        let topic = url.lastPathComponent
        guard !topic.isEmpty, topic != "/" else { return nil }
        return (url.deletingLastPathComponent(), topic)
    }

    static func payload(for reminder: ChannelReminder, text: String, topic: String) -> ChannelPayload {
        let milestone = reminder.context["milestone"] == "true"
        return .json(NtfyPayload(
            topic: topic,
            title: Truncation.characters(reminder.context["title"] ?? "", limit: titleLimit),
            message: Truncation.utf8(text, limit: messageLimit),
            priority: milestone ? 4 : 3,
            tags: milestone ? ["tada", "calendar"] : ["calendar"]
        ))
    }
}
