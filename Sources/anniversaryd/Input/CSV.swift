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
        private var index = 0
        private var line = 1
        private var lineStart = 0
        /// The record the last `next()` read.
        private(set) var record: [Field] = []

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// Reads the next record into `record`; false at the end.
        ///
        /// - Throws: `SyntaxError` for a malformed field or text that is not UTF-8.
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
                    index += 1
                    break
                }
                if byte == Self.newline {
                    line += 1
                    lineStart = index + 1
                }
                content.append(byte)
                index += 1
            }
            if index < bytes.count, bytes[index] != Self.comma, bytes[index] != Self.newline, bytes[index] != Self.carriageReturn {
                throw SyntaxError(line: line, column: index - lineStart + 1, message: "text after a closing quote; a field is either quoted whole or not at all")
            }
            return try text(content[...], line: fieldLine, column: column)
        }

        private mutating func plainField() throws(SyntaxError) -> String {
            let start = index
            let column = index - lineStart + 1
            while index < bytes.count, bytes[index] != Self.comma, bytes[index] != Self.newline {
                if bytes[index] == Self.quote {
                    throw SyntaxError(line: line, column: index - lineStart + 1, message: "a quote inside an unquoted field; quote the whole field and double the quote")
                }
                index += 1
            }
            var end = index
            if end > start, bytes[end - 1] == Self.carriageReturn { end -= 1 }
            return try text(bytes[start..<end], line: line, column: column)
        }

        /// The field's text; only fields with non-ASCII bytes are checked for UTF-8.
        private func text(_ field: ArraySlice<UInt8>, line: Int, column: Int) throws(SyntaxError) -> String {
            if field.allSatisfy({ $0 < 0x80 }) { return String(decoding: field, as: UTF8.self) }
            guard let text = String(validating: field, as: UTF8.self) else {
                throw SyntaxError(line: line, column: column, message: "the field is not UTF-8 text")
            }
            return text
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
