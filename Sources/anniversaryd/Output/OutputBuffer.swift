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
        append(bytes: other.bytes)
    }

    /// Appends text that ends its own lines.
    mutating func append(bytes text: [UInt8]) {
        bytes += text
        flushIfFull()
    }

    /// Appends a line that `write` writes.
    mutating func appendLine(writing write: (inout [UInt8]) -> Void) {
        write(&bytes)
        bytes.append(UInt8(ascii: "\n"))
        flushIfFull()
    }

    mutating func appendLine(_ value: JSONValue) {
        appendLine { value.write(to: &$0) }
    }

    mutating func appendLine(_ line: String) {
        appendLine { $0 += line.utf8 }
    }

    private mutating func flushIfFull() {
        if flushes, bytes.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }
}
