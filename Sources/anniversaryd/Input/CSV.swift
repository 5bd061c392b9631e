import Foundation

/// RFC 4180 CSV: fields separated by commas, quoted with `"` when they hold commas, quotes or
/// line breaks; a quote inside a quoted field is doubled.
enum CSV {
    /// A field and where it starts in the text (line and column from 1).
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

    /// The records of `text`; blank lines are skipped.
    static func parse(_ text: String) throws(SyntaxError) -> [[Field]] {
        var records: [[Field]] = []
        var record: [Field] = []
        var value = ""
        var (line, column) = (1, 1)
        var start = (line: 1, column: 1)
        var inQuotes = false
        var wasQuoted = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil

        func endField() {
            record.append(Field(value: value, line: start.line, column: start.column))
            value = ""
            wasQuoted = false
        }

        while let scalar = pending ?? iterator.next() {
            pending = nil
            let here = (line, column)
            if scalar == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
            if inQuotes {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        value.unicodeScalars.append("\"")
                        column += 1
                    } else {
                        inQuotes = false
                        pending = next
                    }
                } else {
                    value.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where value.isEmpty && !wasQuoted:
                inQuotes = true
                wasQuoted = true
            case "\"":
                throw SyntaxError(line: here.0, column: here.1, message: "a quote inside an unquoted field; quote the whole field and double the quote")
            case ",":
                endField()
                start = (line, column)
            case "\r":
                continue
            case "\n":
                let blank = record.isEmpty && value.isEmpty && !wasQuoted
                endField()
                if !blank { records.append(record) }
                record = []
                start = (line, column)
            default:
                if wasQuoted {
                    throw SyntaxError(line: here.0, column: here.1, message: "text after a closing quote; a field is either quoted whole or not at all")
                }
                value.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw SyntaxError(line: start.line, column: start.column, message: "a quoted field is never closed") }
        if !value.isEmpty || !record.isEmpty || wasQuoted {
            endField()
            records.append(record)
        }
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
