import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The Python webhook receiver in `Tests/Peers`, listening on 127.0.0.1 on a port of its own.
public final class WebhookReceiver: @unchecked Sendable {
    // @unchecked: `process` and `port` are set in `init` and only read afterwards.
    private let process = Process()
    private let lifeline = Pipe()
    public let port: Int
    /// Whether it speaks HTTPS, with ``certificatePath``'s certificate.
    public let usesTLS: Bool

    /// A request as the receiver recorded it.
    public struct Request: Decodable, Sendable {
        public let path: String
        public let headers: [String: String]
        public let body: String
        /// The client's port: requests on one connection share it.
        public let port: Int
    }

    private static let peers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Peers")

    /// A self-signed certificate for `localhost` and `127.0.0.1`, which HTTPS receivers present.
    public static let certificatePath = peers.appendingPathComponent("test_tls_cert.pem").path

    /// - Parameter tls: Whether to speak HTTPS, presenting ``certificatePath``.
    public init(tls: Bool = false) throws {
        usesTLS = tls
        let script = Self.peers.appendingPathComponent("webhook_receiver.py")
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + (tls ? ["--tls", Self.certificatePath, Self.peers.appendingPathComponent("test_tls_key.pem").path] : [])
        process.standardOutput = output
        // The receiver exits when this pipe closes, that is when the test process ends.
        process.standardInput = lifeline
        try process.run()
        // The first line is "port <N>".
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile)
        }
        self.port = port
    }

    deinit {
        // SIGKILL and no wait: Foundation reaps its children itself, and `waitUntilExit` from a
        // task's deinit can block forever on Linux.
        kill(process.processIdentifier, SIGKILL)
    }

    /// `http://127.0.0.1:<port><path>`, or `https://localhost:<port><path>`.
    public func url(_ path: String) -> URL {
        URL(string: usesTLS ? "https://localhost:\(port)\(path)" : "http://127.0.0.1:\(port)\(path)")!
    }

    /// Every request received so far.
    public func requests() async throws -> [Request] {
        let (data, _) = try await URLSession.shared.data(from: url("/requests"))
        return try JSONDecoder().decode([Request].self, from: data)
    }

    /// Waits (up to `timeout`) until at least `count` requests have arrived; returns them all.
    public func waitForRequests(_ count: Int, timeout: Duration = .seconds(30)) async throws -> [Request] {
        let deadline = ContinuousClock.now + timeout
        var requests = try await requests()
        while requests.count < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            requests = try await self.requests()
        }
        return requests
    }
}
