import Foundation

/// Where requests to a URL go, worked out once per channel rather than once per request.
public struct HTTPEndpoint: Hashable, Sendable {
    /// The connection a request needs: requests to the same origin share kept-alive connections.
    struct Origin: Hashable, Sendable {
        var usesTLS: Bool
        var host: String
        var port: Int
    }

    let origin: Origin
    /// The path and query, percent-encoded, as the request line carries them.
    public let target: String
    /// The `Host` header: the host, and the port unless it is the scheme's default.
    public let hostHeader: String

    /// Whether requests go over TLS (`https`).
    public var usesTLS: Bool { origin.usesTLS }
    /// The port connected to: the URL's, or the scheme's default.
    public var port: Int { origin.port }

    /// - Returns: `nil` unless `url` is an absolute `http` or `https` URL with a host.
    public init?(url: URL) {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host(percentEncoded: false), !host.isEmpty
        else { return nil }
        let usesTLS = scheme == "https"
        let defaultPort = usesTLS ? 443 : 80
        let port = url.port ?? defaultPort
        // An IPv6 literal comes without its brackets, as connecting needs it; the header keeps them.
        let named = host.contains(":") ? "[\(host)]" : host
        origin = Origin(usesTLS: usesTLS, host: host, port: port)
        hostHeader = port == defaultPort ? named : "\(named):\(port)"
        let path = url.path(percentEncoded: true)
        let query = url.query(percentEncoded: true).map { "?\($0)" } ?? ""
        target = (path.isEmpty ? "/" : path) + query
    }
}
