import AnniversaryTesting
import Foundation
import Testing

/// `send-test` through the built binary, to the Python receiver on 127.0.0.1.
struct SendTestCommandTests {
    let directory = TemporaryDirectory()
    let receiver: WebhookReceiver

    init() throws {
        receiver = try WebhookReceiver()
        directory.write("anniversaryd.yaml", """
            timezone: UTC
            database: calendar.sqlite
            channels:
              team: {type: slack, url: "\(receiver.url("/ok"))"}
              gone: {type: discord, url: "\(receiver.url("/status/410"))"}
            """)
    }

    func anniversaryd(_ arguments: String...) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await ChildProcess.run(arguments + ["--config", "anniversaryd.yaml"], in: directory.path)
    }

    @Test func sendsOneNotificationThroughTheChannel() async throws {
        let result = try await anniversaryd("send-test", "team")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("sent a test notification through team"))
        let requests = try await receiver.requests()
        #expect(requests.count == 1)
        #expect(requests.first?.body.contains("This is a test notification from anniversaryd") == true)
    }

    @Test func aRefusedNotificationIsUnavailable() async throws {
        let result = try await anniversaryd("send-test", "gone")
        #expect(result.status == 69)
        #expect(result.stderr.contains("channel \"gone\" did not accept the test notification: HTTP 410"))
        #expect(!result.stderr.contains("127.0.0.1"))
    }

    @Test func anUnknownChannelIsAUsageError() async throws {
        let result = try await anniversaryd("send-test", "nope")
        #expect(result.status == 64)
        #expect(result.stderr.contains("no channel named \"nope\""))
    }

    @Test func theLogChannelLogsTheTest() async throws {
        let result = try await anniversaryd("send-test", "log")
        #expect(result.status == 0)
        #expect((result.stdout + result.stderr).contains("This is a test notification from anniversaryd through channel \"log\"."))
    }
}
