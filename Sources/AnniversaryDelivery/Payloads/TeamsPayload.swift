import AnniversaryCore
import Foundation

/// A Microsoft Teams message for a Workflows webhook: an Adaptive Card in a `message` envelope.
///
/// The title is a bold text block, the reminder text a wrapped one; Teams rejects messages over
/// about 28 KB, so the text is limited to 20,000 characters.
struct TeamsPayload: Encodable {
    struct TextBlock: Encodable {
        let type = "TextBlock"
        let text: String
        let wrap = true
        let weight: String?
        let size: String?
    }

    struct Card: Encodable {
        let schema = "http://adaptivecards.io/schemas/adaptive-card.json"
        let type = "AdaptiveCard"
        let version = "1.4"
        let body: [TextBlock]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema", type, version, body
        }
    }

    struct Attachment: Encodable {
        let contentType = "application/vnd.microsoft.card.adaptive"
        let content: Card
    }

    let type = "message"
    let attachments: [Attachment]

    static let textLimit = 20_000

    static func payload(for reminder: ChannelReminder, text: String) -> ChannelPayload {
        let title = TextBlock(text: Truncation.characters(reminder.context["title"] ?? "", limit: 1000), weight: "Bolder", size: "Medium")
        let message = TextBlock(text: Truncation.characters(text, limit: textLimit), weight: nil, size: nil)
        return .json(TeamsPayload(attachments: [Attachment(content: Card(body: [title, message]))]))
    }
}
