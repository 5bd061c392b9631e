import AnniversaryDelivery
import Synchronization

/// The process's one HTTP client, made when a channel first needs it and shut down at the end:
/// a log-only daemon starts no event loop.
final class HTTPClientHolder: Sendable {
    private let made = Mutex<HTTP1Client?>(nil)

    /// The client, made on first use.
    var client: HTTP1Client {
        made.withLock { made in
            if let made { return made }
            let client = HTTP1Client()
            made = client
            return client
        }
    }

    /// Shuts the client down, if one was made, closing its idle connections.
    func shutdown() {
        let client = made.withLock { made in
            defer { made = nil }
            return made
        }
        client?.shutdown()
    }
}
