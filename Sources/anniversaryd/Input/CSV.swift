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

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// The records of `data` (UTF-8); blank lines are skipped.
    ///
    /// Works on bytes: an unquoted field is one slice decoded once, which keeps a million-row
    /// import from spending its time here.
    static func parse(_ data: Data) throws(SyntaxError) -> [[Field]] {
        let bytes = [UInt8](data)
        var records: [[Field]] = []
        var record: [Field] = []
        var index = 0
        var line = 1
        var lineStart = 0
        while index < bytes.count {
            let column = index - lineStart + 1
            let fieldLine = line
            var value: String
            if bytes[index] == quote {
                // Quoted: up to the closing quote, "" standing for one quote.
                var content: [UInt8] = []
                index += 1
                while true {
                    guard index < bytes.count else {
                        throw SyntaxError(line: fieldLine, column: column, message: "a quoted field is never closed")
                    }
                    let byte = bytes[index]
                    if byte == quote {
                        if index + 1 < bytes.count, bytes[index + 1] == quote {
                            content.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    if byte == newline {
                        line += 1
                        lineStart = index + 1
                    }
                    content.append(byte)
                    index += 1
                }
                value = String(decoding: content, as: UTF8.self)
                if index < bytes.count, bytes[index] != comma, bytes[index] != newline, bytes[index] != carriageReturn {
                    throw SyntaxError(line: line, column: index - lineStart + 1, message: "text after a closing quote; a field is either quoted whole or not at all")
                }
            } else {
                let start = index
                while index < bytes.count, bytes[index] != comma, bytes[index] != newline {
                    if bytes[index] == quote {
                        throw SyntaxError(line: line, column: index - lineStart + 1, message: "a quote inside an unquoted field; quote the whole field and double the quote")
                    }
                    index += 1
                }
                var end = index
                if end > start, bytes[end - 1] == carriageReturn { end -= 1 }
                value = String(decoding: bytes[start..<end], as: UTF8.self)
            }
            record.append(Field(value: value, line: fieldLine, column: column))
            if index < bytes.count, bytes[index] == carriageReturn { index += 1 }
            if index >= bytes.count || bytes[index] == newline {
                if !(record.count == 1 && record[0].value.isEmpty && bytes[lineStart] != quote) { records.append(record) }
                record = []
                index += 1
                line += 1
                lineStart = index
            } else {
                index += 1  // the comma
                if index == bytes.count { record.append(Field(value: "", line: line, column: index - lineStart + 1)) }
            }
        }
        if !record.isEmpty { records.append(record) }
        return records
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
