import AnniversaryCore
import Foundation

/// A Slack incoming-webhook message: `text` (the notification fallback) and one section block.
///
/// Text is escaped for Slack's mrkdwn (`&`, `<`, `>`), so a title can never form a mention such
/// as `<!channel>` or a link; a section's text is limited to 3,000 characters, a message's to 40,000.
struct SlackPayload: Encodable {
    struct Text: Encodable {
        let type = "mrkdwn"
        let text: String
    }

    struct Block: Encodable {
        let type = "section"
        let text: Text
    }

    let text: String
    let blocks: [Block]

    static let sectionLimit = 3000
    static let textLimit = 40_000

    static func payload(for reminder: ChannelReminder, text: String) -> ChannelPayload {
        let escaped = escape(text)
        return .json(SlackPayload(
            text: Truncation.characters(escaped, limit: textLimit),
            blocks: [Block(text: Text(text: Truncation.characters(escaped, limit: sectionLimit)))]
        ))
    }

    /// Slack's own escaping: the three characters its markup gives meaning to.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
