import Foundation

/// A small tmpfs mounted on a fresh folder, to fill a disk to its last byte; unmounted when released.
public final class TmpfsMount: Sendable {
    public let path: String

    /// Whether this machine lets the tests mount one (root, and no sandbox refusing `mount`).
    public static let isPermitted = (try? TmpfsMount(kibibytes: 64)) != nil

    public init(kibibytes: Int) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("anniversaryd-tmpfs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard Self.command("/bin/mount", "-t", "tmpfs", "-o", "size=\(kibibytes)k", "tmpfs", path) == 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw CocoaError(.fileWriteNoPermission)
        }
    }

    deinit {
        _ = Self.command("/bin/umount", "-l", path)
        try? FileManager.default.removeItem(atPath: path)
    }

    public func file(_ name: String) -> String {
        path + "/" + name
    }

    /// Writes zeros to `name` until the file system has no byte left.
    public func fill(_ name: String) {
        guard let handle = FileHandle(forWritingAtPath: file(name)) ?? {
            _ = FileManager.default.createFile(atPath: file(name), contents: nil)
            return FileHandle(forWritingAtPath: file(name))
        }() else { return }
        defer { try? handle.close() }
        // Pages, then single bytes for what is left.
        for size in [4096, 1] {
            let chunk = Data(count: size)
            while (try? handle.write(contentsOf: chunk)) != nil {}
        }
    }

    private static func command(_ executable: String, _ arguments: String...) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
