import Foundation

/// The built `anniversaryd` binary run as a child process, its output captured line by line with
/// the time each line arrived.
///
/// Each pipe is drained by a thread blocked in `read(2)` rather than by `readabilityHandler`: on
/// Linux, tearing a readability source down races libdispatch's epoll bookkeeping and can crash the
/// test process (swift-corelibs-libdispatch#949).
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched from the test; the output is guarded inside `CapturedOutput`.
    private let output = CapturedOutput()
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
        try process.run()
        // Process closed our copies of the write ends, so each reader sees end of file once the
        // child (and anything it passed the pipes to) has exited.
        output.drain(out.fileHandleForReading) { output, data in output.appendStandardOutput(data) }
        output.drain(err.fileHandleForReading) { output, data in output.appendStandardError(data, arrived: Date()) }
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    public var standardOutput: String { output.standardOutput }
    public var standardErrorLines: [(line: String, arrived: Date)] { output.standardErrorLines }
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
        // Everything the child wrote is read once both pipes reach end of file.
        let drained = ContinuousClock.now + .seconds(5)
        while !output.isDrained, ContinuousClock.now < drained {
            try await Task.sleep(for: .milliseconds(5))
        }
        return process.terminationStatus
    }

    /// Runs a command to completion (at most `timeout`) and returns its status and output.
    public static func run(
        _ arguments: [String], in directory: String, environment: [String: String] = [:], executable: URL? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        let child = try ChildProcess(arguments, in: directory, environment: environment, executable: executable)
        guard let status = try await child.waitForExit(timeout: timeout) else {
            child.process.terminate()
            throw CancellationError()
        }
        return (status, child.standardOutput, child.standardError)
    }
}

/// A child's standard output and standard error as its reader threads deliver them.
private final class CapturedOutput: @unchecked Sendable {
    // @unchecked: every stored property is guarded by `lock`.
    private let lock = NSLock()
    private var stdoutData = Data()
    private var stderrLines: [(line: String, arrived: Date)] = []
    private var stderrBuffer = Data()
    private var openReaders = 0

    /// Reads `handle` to end of file on a thread of its own, handing each chunk to `deliver`.
    func drain(_ handle: FileHandle, _ deliver: @escaping @Sendable (CapturedOutput, Data) -> Void) {
        lock.withLock { openReaders += 1 }
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                deliver(self, Data(buffer[..<count]))
            }
            lock.withLock { openReaders -= 1 }
        }
        thread.start()
    }

    var isDrained: Bool { lock.withLock { openReaders == 0 } }

    func appendStandardOutput(_ data: Data) {
        lock.withLock { stdoutData += data }
    }

    func appendStandardError(_ data: Data, arrived: Date) {
        lock.withLock {
            stderrBuffer += data
            while let newline = stderrBuffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: stderrBuffer[stderrBuffer.startIndex..<newline], as: UTF8.self)
                stderrLines.append((line, arrived))
                stderrBuffer.removeSubrange(stderrBuffer.startIndex...newline)
            }
        }
    }

    var standardOutput: String { lock.withLock { String(decoding: stdoutData, as: UTF8.self) } }
    var standardErrorLines: [(line: String, arrived: Date)] { lock.withLock { stderrLines } }
}
