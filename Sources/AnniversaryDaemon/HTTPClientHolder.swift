import AnniversaryDelivery
import NIOCore
import NIOPosix
import Synchronization

/// The process's one HTTP client, made when a channel first needs it and shut down at the end:
/// a log-only daemon starts no event loop.
final class HTTPClientHolder: Sendable {
    private let made = Mutex<(client: HTTP1Client, group: MultiThreadedEventLoopGroup)?>(nil)

    /// The client, made on first use.
    ///
    /// Its connections share one event loop thread: webhook traffic is light, and a second thread
    /// only added hand-offs (a burst of 10,000 cost 7 % more CPU on two).
    var client: HTTP1Client {
        made.withLock { made in
            if let made { return made.client }
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            let client = HTTP1Client(group: group)
            made = (client, group)
            return client
        }
    }

    /// Shuts the client down, if one was made: closes its idle connections and stops its thread.
    func shutdown() {
        let made = made.withLock { made in
            defer { made = nil }
            return made
        }
        guard let made else { return }
        made.client.shutdown()
        try? made.group.syncShutdownGracefully()
    }
}
