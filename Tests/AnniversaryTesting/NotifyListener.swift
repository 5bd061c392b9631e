import Foundation
import Glibc

/// A unix datagram socket standing in for systemd's notify socket: it keeps every message the
/// service sends (`READY=1`, `WATCHDOG=1`, …) with the time it arrived.
public final class NotifyListener: @unchecked Sendable {
    // @unchecked: `messages` is guarded by `lock`; the descriptor never changes.
    private let lock = NSLock()
    private var received: [(message: String, arrived: ContinuousClock.Instant)] = []
    private let descriptor: Int32
    /// The value for `$NOTIFY_SOCKET`: a path, or `@name` for an abstract socket.
    public let address: String

    /// - Parameter path: A file path, or `@name` for a socket in the abstract namespace.
    public init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        address = path
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (bytes.first == 0 ? 0 : 1))
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard descriptor >= 0, bound == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let thread = Thread { [descriptor, weak self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                guard count > 0, let self else { return }
                let message = String(decoding: buffer[0..<count], as: UTF8.self)
                lock.withLock { received.append((message, .now)) }
            }
        }
        thread.start()
    }

    deinit {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }

    /// Every message so far, in order, with its arrival.
    public var messages: [(message: String, arrived: ContinuousClock.Instant)] { lock.withLock { received } }

    /// Waits (up to `timeout`) for a message satisfying `predicate` after the first `skipping`
    /// messages; returns its index.
    public func waitForMessage(after skipping: Int = 0, timeout: Duration = .seconds(30), where predicate: (String) -> Bool) async throws -> Int? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let all = messages
            if skipping < all.count, let index = all[skipping...].firstIndex(where: { predicate($0.message) }) { return index }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }
}
