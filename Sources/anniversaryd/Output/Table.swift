import Foundation

/// Plain-text tables that fit a terminal: columns padded, the last one cut with "…" to fit.
struct Table {
    var header: [String]
    var rows: [[String]] = []
    /// Lines printed under a row, indented to the second column.
    var notes: [Int: [String]] = [:]
    var width = 80

    init(header: [String]) {
        self.header = header
    }

    mutating func append(_ row: [String], notes: [String] = []) {
        if !notes.isEmpty { self.notes[rows.count] = notes }
        rows.append(row)
    }

    func render() -> String {
        let all = [header] + rows
        let columns = header.count
        var widths = (0..<columns).map { column in all.map { $0[column].count }.max() ?? 0 }
        let fixed = widths.dropLast().reduce(0, +) + 2 * (columns - 1)
        widths[columns - 1] = max(10, min(widths[columns - 1], width - fixed))
        var lines: [String] = []
        for (index, row) in all.enumerated() {
            let cells = row.enumerated().map { column, cell in
                column == columns - 1 ? Table.truncate(cell, to: widths[column]) : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            lines.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
            let indent = String(repeating: " ", count: widths[0] + 2)
            for note in notes[index - 1] ?? [] {
                lines += Table.wrap(note, to: width - indent.count).map { indent + $0 }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Breaks text at spaces into lines of at most `width` characters.
    static func wrap(_ text: String, to width: Int) -> [String] {
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
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

