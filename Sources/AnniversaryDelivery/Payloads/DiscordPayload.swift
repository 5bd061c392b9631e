import AnniversaryCore
import Foundation

/// A Discord webhook message: `content` up to 2,000 characters, and `allowed_mentions` empty so
/// that no title or message can ping `@everyone`, a role or a user.
struct DiscordPayload: Encodable {
    struct AllowedMentions: Encodable {
        let parse: [String] = []
    }

    let content: String
    let allowed_mentions = AllowedMentions()

    static let contentLimit = 2000

    static func payload(for reminder: ChannelReminder, text: String) -> ChannelPayload {
        .json(DiscordPayload(content: Truncation.characters(text, limit: contentLimit)))
    }
}
