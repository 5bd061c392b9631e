/// Why a request got no response.
public enum HTTP1ClientError: Error, Hashable, Sendable {
    /// The whole request, connecting included, took longer than its timeout.
    case timedOut
    /// The connection closed before the whole response arrived.
    case connectionClosed
    /// The client was shut down.
    case shutDown
}
