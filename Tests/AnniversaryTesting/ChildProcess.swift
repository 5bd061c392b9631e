import Foundation

/// The built `anniversaryd` binary run as a child process, its output captured line by line with
/// the time each line arrived.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: the captured output is guarded by `lock`; `process` is only touched from the test.
    private let lock = NSLock()
    private var stdoutData = Data()
    private var stderrLines: [(line: String, arrived: Date)] = []
    private var stderrBuffer = Data()
    public let process = Process()

    /// The `anniversaryd` executable beside the test bundle (SwiftPM builds it for the tests).
    public static var binary: URL {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [directory, directory.deletingLastPathComponent()].map { $0.appendingPathComponent("anniversaryd") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Starts the binary (or `executable`, given the binary among its arguments) with `arguments` in `directory`.
    ///
    /// - Parameter journalStream: Sets `$JOURNAL_STREAM` to standard error's device and inode, as
    ///   systemd does when stderr goes to the journal.
    public init(
        _ arguments: [String], in directory: String, environment: [String: String] = [:], executable: URL? = nil, journalStream: Bool = false
    ) throws {
        process.executableURL = executable ?? Self.binary
        process.arguments = executable == nil ? arguments : Array(arguments.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["ANNIVERSARYD_CONFIG"] = nil
        env["JOURNAL_STREAM"] = nil
        env["NOTIFY_SOCKET"] = nil
        let out = Pipe(), err = Pipe()
        if journalStream {
            var status = stat()
            fstat(err.fileHandleForWriting.fileDescriptor, &status)
            env["JOURNAL_STREAM"] = "\(status.st_dev):\(status.st_ino)"
        }
        process.environment = env.merging(environment) { $1 }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            lock.withLock { stdoutData += data }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            let now = Date()
            lock.withLock {
                stderrBuffer += data
                while let newline = stderrBuffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: stderrBuffer[stderrBuffer.startIndex..<newline], as: UTF8.self)
                    stderrLines.append((line, now))
                    stderrBuffer.removeSubrange(stderrBuffer.startIndex...newline)
                }
            }
        }
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    public var standardOutput: String { lock.withLock { String(decoding: stdoutData, as: UTF8.self) } }
    public var standardErrorLines: [(line: String, arrived: Date)] { lock.withLock { stderrLines } }
    public var standardError: String { standardErrorLines.map(\.line).joined(separator: "\n") }

    /// Waits for a line of standard error containing `text`, at most `timeout`.
    public func waitForLine(containing text: String, timeout: Duration) async throws -> (line: String, arrived: Date)? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = standardErrorLines.first(where: { $0.line.contains(text) }) { return line }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// Sends a signal.
    public func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to exit, at most `timeout`; returns its status, or `nil` if still running.
    public func waitForExit(timeout: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        guard !process.isRunning else { return nil }
        // Let the readability handlers drain the pipes.
        try await Task.sleep(for: .milliseconds(50))
        return process.terminationStatus
    }

    /// Runs a command to completion (at most 60 seconds) and returns its status and output.
    public static func run(
        _ arguments: [String], in directory: String, environment: [String: String] = [:], executable: URL? = nil
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        let child = try ChildProcess(arguments, in: directory, environment: environment, executable: executable)
        guard let status = try await child.waitForExit(timeout: .seconds(60)) else {
            child.process.terminate()
            throw CancellationError()
        }
        return (status, child.standardOutput, child.standardError)
    }
}
