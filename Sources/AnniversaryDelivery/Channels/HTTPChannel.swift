import AnniversaryCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A channel that POSTs each reminder to a URL: a generic webhook, Slack, Discord, ntfy or Teams.
///
/// One attempt per call: the caller retries. The URL may hold a secret (Slack and Discord put
/// their token in the path), so neither it nor the response body appears in errors.
public struct HTTPChannel: DeliveryChannel {
    public let name: String
    /// `nil` for a URL that is not `http` or `https`: every delivery then fails for good.
    let endpoint: HTTPEndpoint?
    let format: PayloadFormat
    let template: MessageTemplate?
    let signer: WebhookSigner?
    let timeout: Duration
    let client: HTTP1Client
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - url: The endpoint; for ntfy, the topic's URL.
    ///   - signer: Signs generic webhooks per Standard Webhooks; `nil` sends them unsigned.
    ///   - timeout: For the whole request, connecting included. Default: 10 s.
    ///   - client: The process's one HTTP client; its owner shuts it down.
    ///   - now: The clock for `webhook-timestamp`.
    public init(
        name: String,
        url: URL,
        format: PayloadFormat,
        template: MessageTemplate? = nil,
        signer: WebhookSigner? = nil,
        timeout: Duration = .seconds(10),
        client: HTTP1Client,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.name = name
        self.endpoint = HTTPEndpoint(url: url)
        self.format = format
        self.template = template
        self.signer = signer
        self.timeout = timeout
        self.client = client
        self.now = now
    }

    /// The channel for a format, working out ntfy's server and topic from the topic's URL.
    ///
    /// - Returns: `nil` for a URL that is not `http` or `https`, or an ntfy URL that names no topic.
    public static func endpoint(for kind: String, url: URL) -> (url: URL, format: PayloadFormat)? {
        guard HTTPEndpoint(url: url) != nil else { return nil }
        switch kind {
        case "slack": return (url, .slack)
        case "discord": return (url, .discord)
        case "teams": return (url, .teams)
        case "ntfy":
            guard let (server, topic) = NtfyPayload.endpoint(of: url) else { return nil }
            return (server, .ntfy(topic: topic))
        default: return (url, .webhook)
        }
    }

    public func deliver(_ reminder: ChannelReminder) async throws(DeliveryError) {
        guard let endpoint else { throw .permanent(reason: "not an http or https URL") }
        let payload = format.payload(for: reminder, text: ReminderText.render(reminder, template: template))
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: payload.contentType)
        headers.add(name: "user-agent", value: "anniversaryd")
        if case .webhook = format {
            if let signer {
                for header in signer.headers(id: reminder.id, timestamp: now(), body: payload.body) {
                    headers.add(name: header.name, value: header.value)
                }
            } else {
                headers.add(name: "webhook-id", value: reminder.id)
            }
        }
        let response: HTTPResponseHead
        do {
            response = try await client.post(to: endpoint, headers: headers, body: ByteBuffer(bytes: payload.body), timeout: timeout)
        } catch {
            throw .retryable(reason: Self.describe(error), retryAfter: nil)
        }
        if let error = HTTPStatusClassification.error(status: Int(response.status.code), retryAfter: response.headers.first(name: "retry-after"), now: now()) {
            throw error
        }
    }

    /// A failure in words that name no URL.
    static func describe(_ error: any Error) -> String {
        switch error {
        case HTTP1ClientError.timedOut, ChannelError.connectTimeout: return "timed out"
        case HTTP1ClientError.connectionClosed: return "the server closed the connection"
        case HTTP1ClientError.shutDown: return "shutting down"
        case is NIOSSLError: return "TLS failed"
        case is HTTPParserError: return "the response is not valid HTTP/1.1"
        default: break
        }
        if error is NIOConnectionError || error is ChannelError || error is IOError { return "cannot connect" }
        return "request failed (\(type(of: error)))"
    }
}
