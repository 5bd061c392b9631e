import AnniversaryCore
import AnniversaryDelivery
import AnniversaryTesting
import Foundation
import NIOCore
import Testing

/// Real requests to the Python receiver on 127.0.0.1.
@Suite(.serialized)
struct HTTPChannelTests {
    let receiver: WebhookReceiver
    let client = HTTP1Client()

    init() throws {
        receiver = try WebhookReceiver()
    }

    func channel(_ path: String, format: PayloadFormat = .webhook, secret: String? = nil, timeout: Duration = .seconds(10)) throws -> HTTPChannel {
        HTTPChannel(
            name: "hooks", url: receiver.url(path), format: format,
            signer: try secret.map { try WebhookSigner(secrets: [$0]) }, timeout: timeout, client: client
        )
    }

    func shutdown() async throws {
        client.shutdown()
    }

    @Test func deliversASignedWebhookThatTheReferenceLibraryVerifies() async throws {
        guard TestPeer.require(pythonModule: "standardwebhooks") else { return try await shutdown() }
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        try await channel("/ok", secret: secret).deliver(fortiethAnniversary(channel: "hooks"))
        let request = try #require(try await receiver.requests().first)
        #expect(request.headers["webhook-id"] == "us-mn/2027-01-27/7d/hooks")
        #expect(request.headers["content-type"] == "application/json")
        let script = """
            import json, sys
            from standardwebhooks.webhooks import Webhook
            Webhook(sys.argv[1]).verify(sys.argv[3].encode(), json.loads(sys.argv[2]))
            print("verified")
            """
        let headers = String(decoding: try JSONSerialization.data(withJSONObject: request.headers), as: UTF8.self)
        let result = try Python.run(script, arguments: [secret, headers, request.body])
        #expect(result.stdout.contains("verified"), "\(result.stderr)")
        try await shutdown()
    }

    @Test(arguments: [
        ("/status/500", DeliveryError.retryable(reason: "HTTP 500", retryAfter: nil)),
        ("/status/503", .retryable(reason: "HTTP 503", retryAfter: .seconds(1))),
        ("/status/429", .retryable(reason: "HTTP 429", retryAfter: .seconds(1))),
        ("/status/410", .permanent(reason: "HTTP 410")),
        ("/status/404", .permanent(reason: "HTTP 404")),
        ("/status/302", .retryable(reason: "HTTP 302", retryAfter: nil)),
        ("/garbage", .retryable(reason: "the response is not valid HTTP/1.1", retryAfter: nil)),
    ])
    func classifiesResponses(path: String, expected: DeliveryError) async throws {
        await #expect(throws: expected) { try await channel(path).deliver(fortiethAnniversary(channel: "hooks")) }
        try await shutdown()
    }

    @Test func aHangingEndpointTimesOut() async throws {
        let started = ContinuousClock.now
        await #expect(throws: DeliveryError.retryable(reason: "timed out", retryAfter: nil)) {
            try await channel("/hang", timeout: .milliseconds(500)).deliver(fortiethAnniversary(channel: "hooks"))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        try await shutdown()
    }

    /// At once: the timeout is far past the test's time limit, and a client that retried the
    /// connection until then would fail the test.
    @Test(.timeLimit(.minutes(1)))
    func aRefusedConnectionIsRetryableAtOnce() async throws {
        // The discard port: nothing listens there.
        let closed = HTTPChannel(name: "x", url: URL(string: "http://127.0.0.1:9/x")!, format: .slack, timeout: .seconds(300), client: client)
        await #expect(throws: DeliveryError.retryable(reason: "cannot connect", retryAfter: nil)) {
            try await closed.deliver(fortiethAnniversary(channel: "x"))
        }
        try await shutdown()
    }

    @Test func eachFormatArrivesAsValidJSON() async throws {
        for format in [PayloadFormat.slack, .discord, .teams, .ntfy(topic: "t")] {
            try await channel("/ok", format: format).deliver(fortiethAnniversary(channel: "hooks"))
        }
        let bodies = try await receiver.requests().map(\.body)
        #expect(bodies.count == 4)
        for body in bodies {
            #expect(try JSONSerialization.jsonObject(with: Data(body.utf8)) is [String: Any])
        }
        try await shutdown()
    }
}
