import AnniversaryConfig
import Synchronization

/// How long deliveries in flight may take to finish after SIGTERM: the longest HTTP channel
/// timeout and two seconds (the log channel writes at once). A reload may raise it, adding a
/// channel or lengthening a timeout, but never lowers it: requests it did not start keep theirs.
final class StopTimeout: Sendable {
    private let value: Mutex<Duration>

    init(_ configuration: Configuration) {
        value = Mutex(Self.bound(configuration))
    }

    var current: Duration { value.withLock { $0 } }

    func raise(for configuration: Configuration) {
        value.withLock { $0 = max($0, Self.bound(configuration)) }
    }

    static func bound(_ configuration: Configuration) -> Duration {
        (configuration.channels.values.filter { $0.kind != .log }.map(\.timeout).max() ?? .zero) + .seconds(2)
    }
}
