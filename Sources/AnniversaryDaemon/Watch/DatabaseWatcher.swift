#if canImport(Glibc)
import CAnniversary
import Foundation
import Glibc
import ServiceLifecycle

/// Notices writes to the database file by other processes (`anniversaryd events add`, `deliveries
/// retry`, …) through inotify, so that the running daemon re-arms at once: no polling, no signal.
///
/// inotify reports every write, the daemon's own too; `onChange` is called only when SQLite says
/// another connection committed (`PRAGMA data_version`), so the daemon does not wake itself.
public struct DatabaseWatcher: Service {
    let path: String
    let changedElsewhere: @Sendable () -> Bool
    let onChange: @Sendable () -> Void

    /// - Parameters:
    ///   - path: The SQLite file; its folder is watched, so the `-wal` file counts too.
    ///   - changedElsewhere: Whether another process committed since the last call.
    ///   - onChange: Called when it did.
    public init(path: String, changedElsewhere: @escaping @Sendable () -> Bool, onChange: @escaping @Sendable () -> Void) {
        self.path = path
        self.changedElsewhere = changedElsewhere
        self.onChange = onChange
    }

    public func run() async throws {
        let url = URL(fileURLWithPath: path)
        let names = Set([url.lastPathComponent, url.lastPathComponent + "-wal"])
        let watch = try InotifyWatch(directory: url.deletingLastPathComponent().path)
        _ = changedElsewhere()
        do {
            try await read(watch, names: names)
        } catch is CancellationError {}
    }

    private func read(_ watch: InotifyWatch, names: Set<String>) async throws {
        try await cancelWhenGracefulShutdown {
            try await watch.wait.run(threadName: "anniversaryd-watch") {
                watch.read { name in
                    if names.contains(name), changedElsewhere() { onChange() }
                }
            }
        }
    }
}

/// An inotify descriptor watching one folder for writes (see ``InterruptibleWait``).
private struct InotifyWatch: Sendable {
    let wait: InterruptibleWait

    init(directory: String) throws {
        let mask = UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE)
        wait = try InterruptibleWait {
            let descriptor = inotify_init1(Int32(IN_CLOEXEC))
            guard descriptor >= 0, inotify_add_watch(descriptor, directory, mask) < 0 else { return descriptor }
            let error = errno
            close(descriptor)
            errno = error
            return -1
        }
    }

    /// Calls `body` with the file name of each batch of events, once per name, until interrupted.
    func read(_ body: (String) -> Void) -> Result<Void, any Error> {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            if case .failure(let error) = wait.waitUntilReadable() { return .failure(error) }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(wait.descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            var names: [String] = []
            buffer.withUnsafeBytes { bytes in
                var offset = 0
                let header = MemoryLayout<inotify_event>.size
                while offset + header <= count {
                    let length = Int(bytes.load(fromByteOffset: offset + 12, as: UInt32.self))
                    let name = bytes[(offset + header)..<(offset + header + length)].prefix { $0 != 0 }
                    let text = String(decoding: name, as: UTF8.self)
                    if !names.contains(text) { names.append(text) }
                    offset += header + length
                }
            }
            for name in names { body(name) }
        }
    }
}
#endif
