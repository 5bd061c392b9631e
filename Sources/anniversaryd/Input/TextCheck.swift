/// What makes bytes unfit as a text field: invalid UTF-8, or a control character other than tab,
/// line feed and carriage return (a NUL would cut the field short in `events list` and `export`).
enum TextCheck {
    /// The first problem in `bytes`: its offset and what it is.
    static func firstProblem(in bytes: some Collection<UInt8>) -> (offset: Int, message: String)? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if let message = problem(with: Unicode.UTF8.decode(encoded)) { return (offset, message) }
                offset += encoded.count
            case .error:
                let byte = bytes[bytes.index(bytes.startIndex, offsetBy: offset)]
                return (offset, "the text is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)) here)")
            case .emptyInput:
                return nil
            }
        }
    }

    /// The first control character in `text`, in words.
    static func firstProblem(in text: String) -> String? {
        text.unicodeScalars.lazy.compactMap(problem(with:)).first
    }

    /// Whether every byte is printable ASCII, tab, line feed or carriage return: nothing to check further.
    static func isPlainASCII(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// The line and column (from 1; columns count bytes) of `offset` in `bytes`, whose text starts at `start`.
    static func position(of offset: Int, in bytes: [UInt8], textStart start: Int) -> (line: Int, column: Int) {
        var line = 1, lineStart = start
        for index in start..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }

    /// The UTF-8 byte-order mark that spreadsheets write first; read as if absent.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private static func problem(with scalar: Unicode.Scalar) -> String? {
        guard scalar.properties.generalCategory == .control, scalar != "\t", scalar != "\n", scalar != "\r" else { return nil }
        let code = String(scalar.value, radix: 16, uppercase: true)
        return "a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)) is not allowed in text; remove it"
    }
}
