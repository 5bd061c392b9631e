#if canImport(Glibc)
import CAnniversary
import Glibc
#endif

/// Tells systemd how the service stands, over the datagram socket in `$NOTIFY_SOCKET`
/// (the sd_notify protocol). Without that variable every call does nothing.
public struct SystemdNotifier: Sendable {
    /// A state change systemd acts on.
    public enum State: Sendable, Equatable {
        /// Started, or done reloading: the timer is armed.
        case ready
        /// Reloading; `monotonicMicroseconds` is `CLOCK_MONOTONIC` when the reload began.
        case reloading(monotonicMicroseconds: UInt64)
        /// Shutting down.
        case stopping
        /// Alive: resets the watchdog.
        case watchdog

        var message: String {
            switch self {
            case .ready: "READY=1"
            case .reloading(let usec): "RELOADING=1\nMONOTONIC_USEC=\(usec)"
            case .stopping: "STOPPING=1"
            case .watchdog: "WATCHDOG=1"
            }
        }
    }

    /// The socket's path; a leading `@` names an abstract socket.
    public let socketPath: String?

    /// - Parameter environment: Where `NOTIFY_SOCKET` is read; the default reads nothing.
    public init(environment: [String: String] = [:]) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.hasPrefix("/") || $0.hasPrefix("@") ? $0 : nil }
    }

    public var isEnabled: Bool { socketPath != nil }

    /// `CLOCK_MONOTONIC` now, for `MONOTONIC_USEC`.
    public static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }

    public func notify(_ state: State) {
        send(state.message)
    }

    /// A line for `systemctl status`.
    public func notify(status: String) {
        send("STATUS=" + status.replacingNewlines())
    }

    /// Sends one datagram, never waiting: a listener that stopped reading must not stall the
    /// daemon. Errors are ignored, as sd_notify's callers do: systemd may be gone.
    private func send(_ message: String) {
        guard let socketPath else { return }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var path = Array(socketPath.utf8)
        if path.first == UInt8(ascii: "@") { path[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            bytes.copyBytes(from: path)
        }
        // An abstract name is exactly its bytes; a path gets its terminating NUL.
        let length = MemoryLayout<sa_family_t>.size + path.count + (path.first == 0 ? 0 : 1)
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bytes.withUnsafeBytes { body in
                    sendto(descriptor, body.baseAddress, body.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT), address, socklen_t(length))
                }
            }
        }
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
