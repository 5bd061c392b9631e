import Foundation

/// Plain-text tables that fit a terminal: columns padded, the last one cut with "…" to fit.
struct Table {
    var header: [String]
    var rows: [[String]] = []
    var width = 80

    init(header: [String]) {
        self.header = header
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    func render() -> String {
        let columns = header.count
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() where cell.count > widths[column] { widths[column] = cell.count }
        }
        let fixed = widths.dropLast().reduce(0, +) + 2 * (columns - 1)
        widths[columns - 1] = max(10, min(widths[columns - 1], width - fixed))
        var output = ""
        output.reserveCapacity((rows.count + 1) * (width + 1))
        for row in [header] + rows {
            var line = ""
            for (column, cell) in row.enumerated() {
                if column == columns - 1 {
                    line += Table.truncate(cell, to: widths[column])
                } else {
                    line += cell
                    line += String(repeating: " ", count: widths[column] - cell.count + 2)
                }
            }
            output += line.trimmingTrailingSpaces()
            output += "\n"
        }
        output.removeLast()
        return output
    }

    /// Breaks text at spaces into lines of at most `width` characters.
    static func wrap(_ text: String, to width: Int) -> [String] {
        if text.count <= width { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = "  "
            }
            line += (line.isEmpty || line == "  " ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    static func truncate(_ text: String, to width: Int) -> String {
        if text.utf8.count <= width { return text }  // never more characters than bytes
        return text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

