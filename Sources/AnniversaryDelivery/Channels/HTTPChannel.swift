import AnniversaryCore
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A channel that POSTs each reminder to a URL: a generic webhook, Slack, Discord, ntfy or Teams.
///
/// One attempt per call: the caller retries. The URL may hold a secret (Slack and Discord put
/// their token in the path), so neither it nor the response body appears in errors.
public struct HTTPChannel: DeliveryChannel {
    public let name: String
    let url: URL
    let format: PayloadFormat
    let template: MessageTemplate?
    let signer: WebhookSigner?
    let timeout: Duration
    let client: HTTPClient
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
        client: HTTPClient,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.name = name
        self.url = url
        self.format = format
        self.template = template
        self.signer = signer
        self.timeout = timeout
        self.client = client
        self.now = now
    }

    /// How the client that HTTP channels share is to be configured.
    public static var clientConfiguration: HTTPClient.Configuration {
        // It follows no redirect: a 3xx is the receiver's answer.
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        // Each channel limits its own requests in flight (`concurrency`, at most 256); the
        // client's default of 8 connections per host would cap a busier channel below that.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 256
        // A refused connection fails the attempt at once; the retry policy decides when to try
        // again. The client's own retries would hold the attempt (and `send-test`) for the whole
        // timeout, then fail it anyway.
        configuration.connectionPool.retryConnectionEstablishment = false
        // No span per request: the daemon bootstraps no tracer, and even the no-op one's
        // attribute handling was 4 % of a burst.
        configuration.tracing.tracer = nil
        return configuration
    }

    /// The channel for a format, working out ntfy's server and topic from the topic's URL.
    ///
    /// - Returns: `nil` for an ntfy URL that names no topic.
    public static func endpoint(for kind: String, url: URL) -> (url: URL, format: PayloadFormat)? {
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
        let payload = format.payload(for: reminder, text: ReminderText.render(reminder, template: template))
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "content-type", value: payload.contentType)
        request.headers.add(name: "user-agent", value: "anniversaryd")
        if case .webhook = format {
            if let signer {
                for header in signer.headers(id: reminder.id, timestamp: now(), body: payload.body) {
                    request.headers.add(name: header.name, value: header.value)
                }
            } else {
                request.headers.add(name: "webhook-id", value: reminder.id)
            }
        }
        request.body = .bytes(ByteBuffer(bytes: payload.body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: TimeAmount.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000))
            // Read (and drop) the body so the connection can be reused.
            _ = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw .retryable(reason: Self.describe(error), retryAfter: nil)
        }
        if let error = HTTPStatusClassification.error(status: Int(response.status.code), retryAfter: response.headers.first(name: "retry-after"), now: now()) {
            throw error
        }
    }

    /// A failure in words that name no URL.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "timed out"
            case .remoteConnectionClosed: return "the server closed the connection"
            default: return "HTTP client error"
            }
        }
        if error is NIOConnectionError || error is ChannelError || error is IOError { return "cannot connect" }
        return "request failed (\(type(of: error)))"
    }
}
