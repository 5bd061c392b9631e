import AnniversaryCore
import Foundation

/// An HTTP request body for one reminder on one channel, ready to sign and send.
public struct ChannelPayload: Hashable, Sendable {
    public var body: Data
    public var contentType: String

    public init(body: Data, contentType: String = "application/json") {
        self.body = body
        self.contentType = contentType
    }

    /// A JSON body written as the value lists its keys.
    static func json(_ value: JSONValue) -> ChannelPayload {
        var bytes: [UInt8] = []
        value.write(to: &bytes)
        return ChannelPayload(body: Data(bytes))
    }

    /// Encodes a JSON body with sorted keys, so the same reminder always gives the same bytes.
    static func json(_ value: some Encodable) -> ChannelPayload {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings, numbers and booleans cannot fail.
        return ChannelPayload(body: try! encoder.encode(value))
    }
}

/// Cutting text to a service's limit, visibly.
enum Truncation {
    static let marker = "…"

    /// At most `limit` characters, the last one "…" when anything was cut.
    static func characters(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + marker
    }

    /// At most `limit` UTF-8 bytes, cut at a character boundary, ending in "…" when anything was cut.
    static func utf8(_ text: String, limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var result = ""
        let budget = limit - marker.utf8.count
        for character in text {
            if result.utf8.count + character.utf8.count > budget { break }
            result.append(character)
        }
        return result + marker
    }
}
