/// Why the daemon cannot start. Descriptions never include a URL or a secret.
public enum DaemonError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The channel's URL is missing, unreadable or not a usable URL.
    case unreadableURL(channel: String)
    /// The channel's secret is unreadable or not `whsec_` base64, for `reason`.
    case unreadableSecret(channel: String, reason: String)
    /// No channel has this name.
    case unknownChannel(String)

    public var description: String {
        switch self {
        case .unreadableURL(let channel): "channel \"\(channel)\": its URL cannot be read or is not a usable http(s) URL"
        case .unreadableSecret(let channel, let reason): "channel \"\(channel)\": its secret cannot sign: \(reason)"
        case .unknownChannel(let name): "no channel named \"\(name)\" in the configuration"
        }
    }
}
