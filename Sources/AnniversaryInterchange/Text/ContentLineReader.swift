/// Reads a file's content lines: a BOM and CR LF or LF line ends are accepted, folded lines
/// (continued by a line starting with a space or tab) are joined, blank lines are skipped.
public enum ContentLineReader {
    /// - Parameter names: The properties the caller reads. A malformed line naming another one is
    ///   left out rather than refused: it cannot change what is imported, and clients write such
    ///   lines (an ORGANIZER's unquoted `CN=a\, b\:`).
    public static func lines(_ bytes: [UInt8], reading names: Set<String>) throws(InterchangeError) -> [ContentLine] {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InterchangeError(line: firstInvalidLine(bytes), "the file is not UTF-8 text")
        }
        var logical: [(line: Int, text: Substring)] = []
        var pending: (line: Int, parts: [Substring])?
        func flush() {
            if let (line, parts) = pending { logical.append((line, parts.count == 1 ? parts[0] : Substring(parts.joined()))) }
            pending = nil
        }
        var number = 0
        // CR LF is one Character in Swift: split on either.
        for var physical in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            if physical.last == "\r" { physical = physical.dropLast() }
            if let scalar = physical.unicodeScalars.first(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }) {
                let code = String(scalar.value, radix: 16, uppercase: true)
                throw InterchangeError(line: number, "control character U+\(String(repeating: "0", count: 4 - code.count) + code) in the line; a content line has none but tab")
            }
            if let first = physical.first, first == " " || first == "\t" {
                if pending != nil {
                    pending!.parts.append(physical.dropFirst())
                    continue
                }
                if physical.allSatisfy(\.isWhitespace) { continue }
                throw InterchangeError(line: number, "a folded line continues nothing: the line before it is blank or missing")
            }
            // A blank line inside a folded one is skipped, not taken as its end.
            if physical.isEmpty { continue }
            flush()
            pending = (number, [physical])
        }
        flush()
        var lines: [ContentLine] = []
        lines.reserveCapacity(logical.count)
        for (line, text) in logical {
            do {
                lines.append(try parse(text, line: line))
            } catch {
                let name = text.prefix { $0 != ";" && $0 != ":" && $0 != "." }.uppercased()
                if names.contains(name) || name == "BEGIN" || name == "END" { throw error }
            }
        }
        return lines
    }

    /// Splits `[group.]NAME *(;PARAM=value) : VALUE`.
    static func parse(_ text: Substring, line: Int) throws(InterchangeError) -> ContentLine {
        var index = text.startIndex
        func isNameCharacter(_ character: Character) -> Bool {
            character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
        }
        var name = Substring()
        var group: String?
        while true {
            let start = index
            while index < text.endIndex, isNameCharacter(text[index]) { index = text.index(after: index) }
            name = text[start..<index]
            guard !name.isEmpty else {
                throw InterchangeError(line: line, "expected a property name at the start of \"\(excerpt(text))\"")
            }
            guard index < text.endIndex, text[index] == ".", group == nil else { break }
            group = String(name)
            index = text.index(after: index)
        }
        var parameters: [String: [String]] = [:]
        while index < text.endIndex, text[index] == ";" {
            index = text.index(after: index)
            let start = index
            while index < text.endIndex, isNameCharacter(text[index]) { index = text.index(after: index) }
            let parameter = text[start..<index].uppercased()
            guard !parameter.isEmpty else {
                throw InterchangeError(line: line, "\(name): expected a parameter name after ';'")
            }
            guard index < text.endIndex, text[index] == "=" else {
                // vCard 2.1's bare type (`TEL;HOME:`), which 3.0 writers still emit.
                parameters["TYPE", default: []].append(parameter)
                continue
            }
            index = text.index(after: index)
            var values: [String] = []
            repeat {
                if index < text.endIndex, text[index] == "," { index = text.index(after: index) }
                if index < text.endIndex, text[index] == "\"" {
                    let open = text.index(after: index)
                    guard let close = text[open...].firstIndex(of: "\"") else {
                        throw InterchangeError(line: line, "\(name): the value of parameter \(parameter) opens a quote it never closes")
                    }
                    values.append(String(text[open..<close]))
                    index = text.index(after: close)
                } else {
                    let start = index
                    while index < text.endIndex, ![";", ":", ","].contains(text[index]) { index = text.index(after: index) }
                    values.append(String(text[start..<index]))
                }
            } while index < text.endIndex && text[index] == ","
            parameters[parameter, default: []].append(contentsOf: values)
        }
        guard index < text.endIndex, text[index] == ":" else {
            throw InterchangeError(line: line, "\(name): expected ':' before the value")
        }
        return ContentLine(
            group: group, name: name.uppercased(), parameters: parameters, value: String(text[text.index(after: index)...]), line: line
        )
    }

    private static func excerpt(_ text: Substring) -> Substring {
        text.count > 40 ? text.prefix(40) + "…" : text
    }

    private static func firstInvalidLine(_ bytes: ArraySlice<UInt8>) -> Int {
        var line = 1
        var lineStart = bytes.startIndex
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            if String(validating: bytes[lineStart..<index], as: UTF8.self) == nil { return line }
            line += 1
            lineStart = index + 1
        }
        return line
    }
}
