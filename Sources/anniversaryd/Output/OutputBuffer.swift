import Foundation

/// Buffered standard output: one write for many lines.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func appendLine(_ value: JSONValue) {
        value.write(to: &bytes)
        endLine()
    }

    mutating func appendLine(_ line: String) {
        bytes += line.utf8
        endLine()
    }

    private mutating func endLine() {
        bytes.append(UInt8(ascii: "\n"))
        if bytes.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }
}
