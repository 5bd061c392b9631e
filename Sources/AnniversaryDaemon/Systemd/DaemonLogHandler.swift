#if canImport(Glibc)
import AnniversaryCore
import Foundation
import Glibc
import Logging
import Synchronization

/// The daemon's log level, shared by every logger so that a reload can change it.
public final class LogLevelSetting: Sendable {
    private let level: Mutex<Logger.Level>

    public init(_ level: Logger.Level) {
        self.level = Mutex(level)
    }

    public var value: Logger.Level {
        get { level.withLock { $0 } }
        set { level.withLock { $0 = newValue } }
    }
}

/// Writes one line per record to standard error: for the journal when stderr is connected to it
/// (`$JOURNAL_STREAM`), with the sd-daemon `<N>` priority prefix so journald keeps the level and
/// no timestamp since journald adds its own; otherwise with a timestamp and the level in words.
/// Metadata follows the message as `key=value`.
public struct DaemonLogHandler: LogHandler {
    public enum Format: Sendable {
        case journal, plain
    }

    public let format: Format
    let setting: LogLevelSetting
    public var metadata: Logger.Metadata = [:]

    public init(format: Format, level: LogLevelSetting) {
        self.format = format
        self.setting = level
    }

    /// `.journal` when `$JOURNAL_STREAM` names the file standard error is (as systemd sets it).
    public static func format(environment: [String: String]) -> Format {
        guard let stream = environment["JOURNAL_STREAM"] else { return .plain }
        var status = stat()
        guard fstat(STDERR_FILENO, &status) == 0 else { return .plain }
        return stream == "\(status.st_dev):\(status.st_ino)" ? .journal : .plain
    }

    public var logLevel: Logger.Level {
        get { setting.value }
        set { setting.value = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line: String
        switch format {
        case .journal:
            line = "<\(Self.priority(event.level))>"
        case .plain:
            line = Date().iso8601(in: .gmt) + " \(event.level) "
        }
        line += event.message.description.replacing("\n", with: " ")
        let merged = event.metadata.map { metadata.merging($0) { $1 } } ?? metadata
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(Self.quoted(value.description))"
        }
        line += "\n"
        // One write(2) per line, so lines from several threads never interleave.
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// syslog priorities, as sd-daemon(3) defines the prefixes.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// A value as is, or in double quotes when it holds a space, a quote or a line break.
    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0.isNewline || $0 == "=" }) else { return value }
        var escaped = value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        escaped = escaped.replacing("\n", with: "\\n")
        return "\"\(escaped)\""
    }
}
#endif
