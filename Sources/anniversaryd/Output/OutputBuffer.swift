import AnniversaryCore
import Foundation

/// Buffered standard output: one write for many lines.
struct OutputBuffer: Sendable {
    private(set) var bytes: [UInt8] = []
    /// Off for a buffer that collects part of a listing on another thread, to be appended.
    private let flushes: Bool

    /// - Parameter flushes: Whether to write to standard output every 64 KiB.
    init(flushes: Bool = true) {
        self.flushes = flushes
    }

    mutating func append(_ other: OutputBuffer) {
        bytes += other.bytes
        if flushes, bytes.count > 1 << 16 { flush() }
    }

    mutating func appendLine(_ value: JSONValue) {
        value.write(to: &bytes)
        endLine()
    }

    /// Appends a line that `write` writes.
    mutating func appendLine(writing write: (inout [UInt8]) -> Void) {
        write(&bytes)
        endLine()
    }

    mutating func appendLine(_ line: String) {
        bytes += line.utf8
        endLine()
    }

    mutating func appendLine(bytes line: [UInt8]) {
        bytes += line
        endLine()
    }

    /// Appends text that ends its own lines.
    mutating func append(bytes text: [UInt8]) {
        bytes += text
        if flushes, bytes.count > 1 << 16 { flush() }
    }

    private mutating func endLine() {
        bytes.append(UInt8(ascii: "\n"))
        if flushes, bytes.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }
}
