import Crypto
import Foundation

/// Signs webhook requests as the Standard Webhooks specification says.
///
/// The signed content is `"<webhook-id>.<webhook-timestamp>.<body>"` over the exact bytes sent;
/// each secret adds one `v1,<base64 HMAC-SHA256>` to the space-separated `webhook-signature`
/// header, so a receiver can rotate secrets while both are in use.
///
/// ```swift
/// let signer = try WebhookSigner(secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
/// let headers = signer.headers(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: date, body: body)
/// ```
public struct WebhookSigner: Sendable {
    /// A secret that is not `whsec_` followed by base64. The secret itself is never printed.
    public struct InvalidSecret: Error, Hashable, Sendable, CustomStringConvertible {
        public let position: Int

        public init(position: Int) {
            self.position = position
        }

        public var description: String {
            "webhook secret \(position + 1) is not \"whsec_\" followed by base64"
        }
    }

    /// The decoded secrets; `SymmetricKey` is not Sendable, so keys are made per signature.
    private let keys: [Data]

    /// - Parameter secrets: `whsec_<base64>` secrets; the prefix may be left out.
    /// - Throws: ``InvalidSecret`` for one that is not base64 or is empty.
    public init(secrets: [String]) throws(InvalidSecret) {
        var keys: [Data] = []
        for (position, secret) in secrets.enumerated() {
            let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst("whsec_".count)) : secret
            guard let data = Data(base64Encoded: encoded), !data.isEmpty else { throw InvalidSecret(position: position) }
            keys.append(data)
        }
        self.keys = keys
    }

    /// The `webhook-signature` header value: `v1,<signature>` per secret, separated by spaces.
    public func signature(id: String, timestamp: Int, body: Data) -> String {
        var content = Data("\(id).\(timestamp).".utf8)
        content.append(body)
        return keys.map { key in
            "v1," + Data(HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: key))).base64EncodedString()
        }
        .joined(separator: " ")
    }

    /// The three Standard Webhooks headers for one attempt.
    public func headers(id: String, timestamp: Date, body: Data) -> [(name: String, value: String)] {
        let seconds = Int(timestamp.timeIntervalSince1970.rounded(.down))
        return [
            ("webhook-id", id),
            ("webhook-timestamp", String(seconds)),
            ("webhook-signature", signature(id: id, timestamp: seconds, body: body)),
        ]
    }
}
