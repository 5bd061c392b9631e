import AnniversaryDelivery
import AsyncHTTPClient
import Synchronization

/// The process's one HTTP client, made when a channel first needs it and shut down at the end:
/// a log-only daemon starts no event loop.
final class HTTPClientHolder: Sendable {
    private let made = Mutex<HTTPClient?>(nil)

    /// The client, made on first use, configured as ``HTTPChannel/clientConfiguration``.
    var client: HTTPClient {
        made.withLock { made in
            if let made { return made }
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPChannel.clientConfiguration)
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
