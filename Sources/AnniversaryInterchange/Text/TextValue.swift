/// TEXT values (RFC 5545 3.3.11, RFC 6350 3.4): backslash escapes, and lists separated by
/// unescaped commas.
public enum TextValue {
    /// `\n` and `\N` become a line break; `\\`, `\;`, `\,` their character. A backslash before
    /// anything else is kept, as clients that write `\:` mean the colon.
    public static func unescape(_ raw: some StringProtocol) -> String {
        guard raw.contains("\\") else { return String(raw) }
        var result = ""
        var escaping = false
        for character in raw {
            if escaping {
                switch character {
                case "n", "N": result.append("\n")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        if escaping { result.append("\\") }
        return result
    }

    /// The items of a list value (CATEGORIES, or N's `;` parts), each unescaped and trimmed,
    /// empty ones left out unless `keepingEmpty`.
    public static func list(_ raw: String, separator: Character = ",", keepingEmpty: Bool = false) -> [String] {
        var items: [String] = []
        var start = raw.startIndex
        var index = raw.startIndex
        var escaping = false
        while index < raw.endIndex {
            let character = raw[index]
            if escaping {
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == separator {
                items.append(unescape(raw[start..<index]))
                start = raw.index(after: index)
            }
            index = raw.index(after: index)
        }
        items.append(unescape(raw[start...]))
        let trimmed = items.map(\.trimmingWhitespace)
        return keepingEmpty ? trimmed : trimmed.filter { !$0.isEmpty }
    }

    /// The value escaped for writing: backslash, `;`, `,` and line breaks.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n", "\r": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
