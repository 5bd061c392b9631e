import Foundation

/// An `sqlite3` process holding an exclusive lock on a database, as another program would.
public final class SQLiteLockHolder {
    private let process = Process()
    private let input = Pipe()
    private var released = false

    /// Starts `sqlite3`, begins an exclusive transaction and returns once the lock is held.
    public init(path: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // The lock is waited for while another connection writes (without a busy timeout, BEGIN
        // would fail at once), and a failure ends sqlite3 before the confirmation is printed.
        input.fileHandleForWriting.write(Data(".bail on\n.timeout 20000\nBEGIN EXCLUSIVE;\nSELECT 'locked';\n".utf8))
        // Wait for the confirmation line, at most 30 seconds.
        let deadline = Date().addingTimeInterval(30)
        var received = ""
        while !received.contains("locked"), Date() < deadline, process.isRunning {
            received += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        }
        guard received.contains("locked") else {
            released = true
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            throw CocoaError(.fileLocking, userInfo: [NSLocalizedDescriptionKey: "sqlite3 could not lock \(path)"])
        }
    }

    /// A test that fails before releasing the lock still ends the process.
    deinit {
        release()
    }

    /// Ends the transaction and the process; once, however often called.
    public func release() {
        guard !released else { return }
        released = true
        input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
