#if canImport(Glibc)
import Foundation
import Glibc

/// Keeps a second daemon off a database: an exclusive `flock(2)` on the file `DATABASE.lock` beside
/// it, held for the life of the process.
///
/// The kernel drops the lock when the process ends, however it ends (`kill -9` included), so it
/// never goes stale as a PID file can. The file holds the holder's PID only to name it in the
/// refusal. SQLite's own locks (`fcntl`) are independent of it: the command line keeps working
/// beside the daemon.
public final class InstanceLock: Sendable {
    /// The lock file.
    public let path: String
    private let descriptor: Int32

    /// Takes the lock for `database`, at once or not at all.
    ///
    /// - Throws: ``InstanceLockError/held(database:pid:)`` when another process holds it.
    public init(database: String) throws(InstanceLockError) {
        path = database + ".lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .unavailable(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let error = errno
            let holder = Self.pid(in: descriptor)
            close(descriptor)
            if error == EWOULDBLOCK { throw .held(database: database, pid: holder) }
            throw .unavailable(path: path, reason: String(cString: strerror(error)))
        }
        let text = "\(getpid())\n"
        // Best effort: the lock is what counts, the PID only names its holder.
        _ = ftruncate(descriptor, 0)
        _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
        close(descriptor)
    }

    /// The PID written in the lock file, if it holds one.
    private static func pid(in descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
#endif

/// Why the daemon cannot have its database to itself.
public enum InstanceLockError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Another process holds the lock: a daemon already runs on the database.
    case held(database: String, pid: Int32?)
    /// The lock file cannot be opened or locked.
    case unavailable(path: String, reason: String)

    public var description: String {
        switch self {
        case .held(let database, let pid):
            "\(database): another anniversaryd\(pid.map { " (PID \($0))" } ?? "") is already running on this database; "
                + "one daemon per SQLite database (stop that one, or give this one another --database)"
        case .unavailable(let path, let reason):
            "\(path): cannot take the daemon's lock file: \(reason)"
        }
    }
}
