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
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    let thread = Thread {
                        continuation.resume(with: watch.read { name in
                            if names.contains(name), changedElsewhere() { onChange() }
                        })
                    }
                    thread.name = "anniversaryd-watch"
                    thread.stackSize = 256 * 1024
                    thread.start()
                }
            } onCancel: {
                watch.interrupt()
            }
        }
    }
}

/// An inotify descriptor watching one folder for writes, and an eventfd to stop reading it.
// @unchecked: both descriptors are set in `init` and never change.
private final class InotifyWatch: @unchecked Sendable {
    private let descriptor: Int32
    private let interruption: Int32

    init(directory: String) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        interruption = eventfd(0, Int32(EFD_CLOEXEC))
        let mask = UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE)
        guard descriptor >= 0, interruption >= 0, inotify_add_watch(descriptor, directory, mask) >= 0 else {
            let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            if descriptor >= 0 { close(descriptor) }
            if interruption >= 0 { close(interruption) }
            throw error
        }
    }

    deinit {
        close(descriptor)
        close(interruption)
    }

    func interrupt() {
        var one: UInt64 = 1
        _ = write(interruption, &one, MemoryLayout<UInt64>.size)
    }

    /// Calls `body` with the file name of each batch of events, once per name, until interrupted.
    func read(_ body: (String) -> Void) -> Result<Void, any Error> {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: interruption, events: Int16(POLLIN), revents: 0)]
            guard poll(&descriptors, 2, -1) >= 0 else {
                if errno == EINTR { continue }
                return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
            }
            if descriptors[1].revents != 0 { return .failure(CancellationError()) }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
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
