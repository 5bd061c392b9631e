#if canImport(Glibc)
import CAnniversary
import Foundation
import Glibc
import ServiceLifecycle

/// Notices writes to the database file by other processes (`anniversaryd events add`, `deliveries
/// retry`, …) through inotify, so that the running daemon re-arms at once: no polling, no signal.
///
/// Only the database and its write-ahead log are watched, so files written beside them (a log in
/// the same folder) never wake the daemon. The folder is watched only while the log does not
/// exist, for its creation. inotify reports every write, the daemon's own too; `onChange` is
/// called only when SQLite says another connection committed (`PRAGMA data_version`), so the
/// daemon does not wake itself.
public struct DatabaseWatcher: Service {
    let path: String
    let changedElsewhere: @Sendable () -> Bool
    let onChange: @Sendable () -> Void

    /// - Parameters:
    ///   - path: The SQLite file; it and its `-wal` file are watched.
    ///   - changedElsewhere: Whether another process committed since the last call.
    ///   - onChange: Called when it did.
    public init(path: String, changedElsewhere: @escaping @Sendable () -> Bool, onChange: @escaping @Sendable () -> Void) {
        self.path = path
        self.changedElsewhere = changedElsewhere
        self.onChange = onChange
    }

    public func run() async throws {
        let inotify = try Inotify()
        _ = changedElsewhere()
        do {
            try await cancelWhenGracefulShutdown {
                try await inotify.wait.run(threadName: "anniversaryd-watch") { [self] in follow(inotify) }
            }
        } catch is CancellationError {}
    }

    /// Keeps the watches and reports changes, until interrupted.
    private func follow(_ inotify: Inotify) -> Result<Void, any Error> {
        let url = URL(fileURLWithPath: path)
        let log = path + "-wal"
        let logName = url.lastPathComponent + "-wal"
        let folder = url.deletingLastPathComponent().path
        let written = UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE)
        let gone = UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_IGNORED)
        let database = inotify.add(path, mask: written)
        var logWatch: Int32 = -1
        var folderWatch: Int32 = -1
        /// Watches the log, or the folder for its creation when it does not exist.
        func watchLog() {
            if folderWatch < 0 { folderWatch = inotify.add(folder, mask: UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) }
            logWatch = inotify.add(log, mask: written | gone)
            if logWatch >= 0, folderWatch >= 0 {
                inotify.remove(folderWatch)
                folderWatch = -1
            }
        }
        watchLog()
        while true {
            var changed = false
            let result = inotify.read { watch, mask, name in
                if watch == folderWatch, name == logName, logWatch < 0 {
                    watchLog()
                    changed = true
                } else if watch == logWatch, mask & gone != 0 {
                    logWatch = -1
                    watchLog()
                } else if watch == database || watch == logWatch {
                    changed = true
                }
            }
            if case .failure = result { return result }
            if changed, changedElsewhere() { onChange() }
        }
    }
}

/// An inotify descriptor (see ``InterruptibleWait``) and its watches.
private struct Inotify: Sendable {
    let wait: InterruptibleWait

    init() throws {
        wait = try InterruptibleWait { inotify_init1(Int32(IN_CLOEXEC)) }
    }

    /// Watches `path`; -1 when it cannot (it does not exist).
    func add(_ path: String, mask: UInt32) -> Int32 {
        inotify_add_watch(wait.descriptor, path, mask)
    }

    func remove(_ watch: Int32) {
        inotify_rm_watch(wait.descriptor, watch)
    }

    /// Waits for the next events and calls `body` with each one's watch, mask and file name.
    func read(_ body: (Int32, UInt32, String) -> Void) -> Result<Void, any Error> {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        if case .failure(let error) = wait.waitUntilReadable() { return .failure(error) }
        let count = buffer.withUnsafeMutableBytes { Glibc.read(wait.descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return .success(()) }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let watch = bytes.load(fromByteOffset: offset, as: Int32.self)
                let mask = bytes.load(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(bytes.load(fromByteOffset: offset + 12, as: UInt32.self))
                let name = bytes[(offset + header)..<(offset + header + length)].prefix { $0 != 0 }
                body(watch, mask, String(decoding: name, as: UTF8.self))
                offset += header + length
            }
        }
        return .success(())
    }
}
#endif
