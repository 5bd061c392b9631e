/// Why the daemon cannot start.
public enum DaemonError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A configured channel's type has no implementation in this build yet.
    case unsupportedChannel(name: String, type: String)

    public var description: String {
        switch self {
        case .unsupportedChannel(let name, let type):
            "channel \"\(name)\": type \(type) is not supported by this build yet; use a log channel"
        }
    }
}
