import AnniversaryCore
import AnniversaryDelivery
import AnniversaryTesting
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing

/// Real requests to the Python receiver on 127.0.0.1 (HTTPS on `localhost`).
@Suite(.serialized)
struct HTTP1ClientTests {
    func post(_ client: HTTP1Client, _ url: URL, body: String = "{}", timeout: Duration = .seconds(10)) async throws -> HTTPResponseStatus {
        let endpoint = try #require(HTTPEndpoint(url: url))
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        return try await client.post(to: endpoint, headers: headers, body: ByteBuffer(string: body), timeout: timeout).status
    }

    @Test func sendsRequestsInTurnOnOneKeptAliveConnection() async throws {
        let receiver = try WebhookReceiver()
        let client = HTTP1Client()
        defer { client.shutdown() }
        for index in 0..<5 {
            #expect(try await post(client, receiver.url("/ok/\(index)?n=\(index)"), body: "{\"n\":\(index)}") == .noContent)
        }
        let requests = try await receiver.requests()
        #expect(requests.map(\.path) == (0..<5).map { "/ok/\($0)?n=\($0)" })
        #expect(requests.map(\.body) == (0..<5).map { "{\"n\":\($0)}" })
        #expect(requests.allSatisfy { $0.headers["host"] == "127.0.0.1:\(receiver.port)" })
        #expect(Set(requests.map(\.port)).count == 1)
    }

    /// "100 Continue" is not the answer: the client waits for the one after it (NIO's response
    /// decoder drops informational responses).
    @Test func readsPastAnInformationalResponse() async throws {
        let receiver = try WebhookReceiver()
        let client = HTTP1Client()
        defer { client.shutdown() }
        #expect(try await post(client, receiver.url("/continue")) == .noContent)
        #expect(try await post(client, receiver.url("/ok")) == .noContent)
        #expect(Set(try await receiver.requests().map(\.port)).count == 1)
    }

    @Test func opensANewConnectionWhenTheServerClosesItsOwn() async throws {
        let receiver = try WebhookReceiver()
        let client = HTTP1Client()
        defer { client.shutdown() }
        #expect(try await post(client, receiver.url("/close")) == .noContent)
        #expect(try await post(client, receiver.url("/drop")) == .noContent)
        #expect(try await post(client, receiver.url("/ok")) == .noContent)
        let ports = try await receiver.requests().map(\.port)
        #expect(ports.count == 3)
        #expect(Set(ports).count == 3)
    }

    /// The server drops each connection after answering, without a word: whether or not the
    /// client has seen the close by the next request, that request is answered, once.
    @Test func aRequestOnAConnectionClosedUnderItGoesAgainOnANewOne() async throws {
        let receiver = try WebhookReceiver()
        let client = HTTP1Client()
        defer { client.shutdown() }
        for _ in 0..<20 {
            #expect(try await post(client, receiver.url("/drop")) == .noContent)
        }
        #expect(try await receiver.requests().count == 20)
    }

    @Test func closesAConnectionLeftIdle() async throws {
        let receiver = try WebhookReceiver()
        let client = HTTP1Client(idleTimeout: .milliseconds(100))
        defer { client.shutdown() }
        #expect(try await post(client, receiver.url("/ok")) == .noContent)
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await post(client, receiver.url("/ok")) == .noContent)
        #expect(Set(try await receiver.requests().map(\.port)).count == 2)
    }

    /// The second request's timeout is shorter than the first one's and than the idle timeout.
    @Test func aRequestOnAKeptConnectionTimesOutOnItsOwnDeadline() async throws {
        let receiver = try WebhookReceiver()
        let client = HTTP1Client()
        defer { client.shutdown() }
        #expect(try await post(client, receiver.url("/ok"), timeout: .seconds(30)) == .noContent)
        let started = ContinuousClock.now
        await #expect(throws: HTTP1ClientError.timedOut) { try await post(client, receiver.url("/hang"), timeout: .milliseconds(300)) }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(Set(try await receiver.requests().map(\.port)).count == 1)
    }

    @Test func concurrentRequestsEachGetAConnection() async throws {
        let receiver = try WebhookReceiver()
        let client = HTTP1Client()
        defer { client.shutdown() }
        try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
            for _ in 0..<8 {
                group.addTask { try await post(client, receiver.url("/delay/200")) }
            }
            for try await status in group {
                #expect(status == .noContent)
            }
        }
        #expect(Set(try await receiver.requests().map(\.port)).count == 8)
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingARequestEndsItAtOnce() async throws {
        let receiver = try WebhookReceiver()
        let client = HTTP1Client()
        defer { client.shutdown() }
        let request = Task { try await post(client, receiver.url("/hang")) }
        _ = try await receiver.waitForRequests(1)
        let cancelled = ContinuousClock.now
        request.cancel()
        await #expect(throws: (any Error).self) { try await request.value }
        #expect(ContinuousClock.now - cancelled < .seconds(5))
    }

    @Test func aRequestAfterShutdownFails() async throws {
        let receiver = try WebhookReceiver()
        let client = HTTP1Client()
        client.shutdown()
        await #expect(throws: HTTP1ClientError.shutDown) { try await post(client, receiver.url("/ok")) }
    }

    @Test func speaksTLSToAServerItTrusts() async throws {
        let receiver = try WebhookReceiver(tls: true)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(WebhookReceiver.certificatePath)
        let client = HTTP1Client(tlsConfiguration: tls)
        defer { client.shutdown() }
        #expect(try await post(client, receiver.url("/ok")) == .noContent)
        #expect(try await post(client, receiver.url("/status/503")) == .serviceUnavailable)
    }

    @Test func refusesACertificateItDoesNotTrust() async throws {
        let receiver = try WebhookReceiver(tls: true)
        let client = HTTP1Client()
        defer { client.shutdown() }
        let channel = HTTPChannel(name: "x", url: receiver.url("/ok"), format: .webhook, client: client)
        await #expect(throws: DeliveryError.retryable(reason: "TLS failed", retryAfter: nil)) {
            try await channel.deliver(fortiethAnniversary(channel: "x"))
        }
    }

    @Test(arguments: [
        ("http://example.org", "example.org", "/", 80, false),
        ("https://example.org/a%20b/c?x=1&y=%2F", "example.org", "/a%20b/c?x=1&y=%2F", 443, true),
        ("http://127.0.0.1:8080/hook", "127.0.0.1:8080", "/hook", 8080, false),
        ("https://[::1]:8443/h", "[::1]:8443", "/h", 8443, true),
        ("HTTPS://Example.org:443/", "Example.org", "/", 443, true),
    ])
    func readsAnEndpointFromItsURL(url: String, host: String, target: String, port: Int, usesTLS: Bool) throws {
        let endpoint = try #require(HTTPEndpoint(url: URL(string: url)!))
        #expect(endpoint.hostHeader == host)
        #expect(endpoint.target == target)
        #expect(endpoint.port == port)
        #expect(endpoint.usesTLS == usesTLS)
    }

    @Test(arguments: ["ftp://example.org/x", "mailto:someone@example.org", "/relative/path", "http:///no-host"])
    func refusesAURLItCannotPostTo(url: String) {
        #expect(HTTPEndpoint(url: URL(string: url)!) == nil)
    }
}
