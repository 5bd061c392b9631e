import AsyncHTTPClient
import Synchronization

/// The process's one HTTP client, made when a channel first needs it and shut down at the end:
/// a log-only daemon starts no event loop.
final class HTTPClientHolder: Sendable {
    private let made = Mutex<HTTPClient?>(nil)

    /// The client, made on first use. It follows no redirect: a 3xx is the receiver's answer.
    var client: HTTPClient {
        made.withLock { made in
            if let made { return made }
            var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
            // Each channel limits its own requests in flight (`concurrency`, at most 256); the
            // client's default of 8 connections per host would cap a busier channel below that.
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 256
            // No span per request: the daemon bootstraps no tracer, and even the no-op one's
            // attribute handling was 4 % of a burst.
            configuration.tracing.tracer = nil
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            made = client
            return client
        }
    }

    /// Shuts the client down, if one was made; waits for its connections to close.
    func shutdown() {
        let client = made.withLock { made in
            defer { made = nil }
            return made
        }
        try? client?.syncShutdown()
    }
}
