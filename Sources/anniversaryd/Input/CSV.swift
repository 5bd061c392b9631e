import Foundation

/// RFC 4180 CSV: fields separated by commas, quoted with `"` when they hold commas, quotes or
/// line breaks; a quote inside a quoted field is doubled.
enum CSV {
    /// A field and where it starts in the text (line and column from 1; columns count bytes).
    struct Field {
        let value: String
        let line: Int
        let column: Int
    }

    struct SyntaxError: Error {
        let line: Int
        let column: Int
        let message: String
    }

    /// Reads records one at a time, reusing one array for them: a million-row import holds
    /// neither all its fields at once nor an array per row.
    ///
    /// Works on bytes: an unquoted field is one slice decoded once.
    struct Reader {
        private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

        private let bytes: [UInt8]
        /// Where the text starts: after a byte-order mark, if the file has one.
        private let textStart: Int
        private var index: Int
        private var line = 1
        private var lineStart: Int
        /// The record the last `next()` read.
        private(set) var record: [Field] = []

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            textStart = bytes.starts(with: TextCheck.byteOrderMark) ? TextCheck.byteOrderMark.count : 0
            index = textStart
            lineStart = textStart
        }

        /// Reads the next record into `record`; false at the end.
        ///
        /// - Throws: `SyntaxError` for a malformed field, text that is not UTF-8 or a control
        ///   character, at its first bad byte.
        mutating func next() throws(SyntaxError) -> Bool {
            record.removeAll(keepingCapacity: true)
            while index < bytes.count {
                let column = index - lineStart + 1
                let fieldLine = line
                let value = try bytes[index] == Self.quote ? quotedField(column: column) : plainField()
                record.append(Field(value: value, line: fieldLine, column: column))
                if index < bytes.count, bytes[index] == Self.carriageReturn { index += 1 }
                if index >= bytes.count || bytes[index] == Self.newline {
                    let isBlank = record.count == 1 && record[0].value.isEmpty && bytes[lineStart] != Self.quote
                    index += 1
                    line += 1
                    lineStart = index
                    if isBlank { record.removeAll(keepingCapacity: true) } else { return true }
                } else {
                    index += 1  // the comma
                    if index == bytes.count { record.append(Field(value: "", line: line, column: index - lineStart + 1)) }
                }
            }
            return !record.isEmpty
        }

        /// Up to the closing quote, `""` standing for one quote.
        private mutating func quotedField(column: Int) throws(SyntaxError) -> String {
            let fieldLine = line
            var content: [UInt8] = []
            index += 1
            let start = index
            while true {
                guard index < bytes.count else {
                    throw SyntaxError(line: fieldLine, column: column, message: "a quoted field is never closed")
                }
                let byte = bytes[index]
                if byte == Self.quote {
                    if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                        content.append(Self.quote)
                        index += 2
                        continue
                    }
                    break
                }
                if byte == Self.newline {
                    line += 1
                    lineStart = index + 1
                }
                content.append(byte)
                index += 1
            }
            let end = index
            index += 1  // the closing quote
            if index < bytes.count, bytes[index] != Self.comma, bytes[index] != Self.newline, bytes[index] != Self.carriageReturn {
                throw SyntaxError(line: line, column: index - lineStart + 1, message: "text after a closing quote; a field is either quoted whole or not at all")
            }
            return try text(content[...], raw: start..<end)
        }

        private mutating func plainField() throws(SyntaxError) -> String {
            let start = index
            while index < bytes.count, bytes[index] != Self.comma, bytes[index] != Self.newline {
                if bytes[index] == Self.quote {
                    throw SyntaxError(line: line, column: index - lineStart + 1, message: "a quote inside an unquoted field; quote the whole field and double the quote")
                }
                index += 1
            }
            var end = index
            if end > start, bytes[end - 1] == Self.carriageReturn { end -= 1 }
            return try text(bytes[start..<end], raw: start..<end)
        }

        /// The field's text, from its content and where it is written in the file; only fields
        /// with bytes other than printable ASCII are checked further.
        private func text(_ field: ArraySlice<UInt8>, raw: Range<Int>) throws(SyntaxError) -> String {
            if TextCheck.isPlainASCII(field) { return String(decoding: field, as: UTF8.self) }
            if let problem = TextCheck.firstProblem(in: bytes[raw]) {
                let place = TextCheck.position(of: raw.lowerBound + problem.offset, in: bytes, textStart: textStart)
                throw SyntaxError(line: place.line, column: place.column, message: problem.message)
            }
            return String(decoding: field, as: UTF8.self)
        }
    }

    /// One record as a line, quoting fields that need it.
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || field.hasPrefix(" ") else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        .joined(separator: ",")
    }
}
