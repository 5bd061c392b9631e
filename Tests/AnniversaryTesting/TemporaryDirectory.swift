import Foundation

/// A fresh folder under the system's temporary directory, removed when the value is released.
public final class TemporaryDirectory: Sendable {
    public let path: String

    public init() {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("anniversaryd-test-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes a file (creating folders) and returns its full path.
    @discardableResult
    public func write(_ name: String, _ contents: String) -> String {
        let file = url(name)
        try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! contents.write(to: file, atomically: false, encoding: .utf8)
        return file.path
    }

    public func url(_ name: String) -> URL {
        URL(fileURLWithPath: path).appendingPathComponent(name)
    }

    public func file(_ name: String) -> String {
        url(name).path
    }
}

extension TemporaryDirectory {
    /// `anniversaryd.yaml` for a daemon in UTC reading `events.yaml` into `calendar.sqlite`, every
    /// event sent to one channel, `hooks`.
    ///
    /// - Parameter hooks: The channel's settings, a YAML flow mapping: `{type: webhook, url: …}`.
    public func writeHooksConfiguration(_ hooks: String) {
        write("anniversaryd.yaml", """
            timezone: UTC
            events: [events.yaml]
            database: calendar.sqlite
            defaults: {channels: [hooks]}
            channels: {hooks: \(hooks)}
            """)
    }
}
