/// A `BEGIN:NAME` … `END:NAME` block with its properties and the blocks inside it.
public struct Component: Hashable, Sendable {
    /// Upper-cased: `VCALENDAR`, `VEVENT`, `VCARD`.
    public var name: String
    public var properties: [ContentLine] = []
    public var components: [Component] = []
    /// The line of its `BEGIN`.
    public var line: Int

    /// The first property named `name`.
    public func property(_ name: String) -> ContentLine? { properties.first { $0.name == name } }

    /// Every property named `name`, in file order.
    public func properties(_ name: String) -> [ContentLine] { properties.filter { $0.name == name } }

    /// The top-level components of a file's bytes, refusing a file with none (`empty` says
    /// why) and one of the other format (a top-level `foreign.name` component).
    static func roots(
        of bytes: [UInt8], reading names: Set<String>, empty: String, foreign: (name: String, message: String)
    ) throws(InterchangeError) -> [Component] {
        let roots = try parse(try ContentLineReader.lines(bytes, reading: names))
        guard !roots.isEmpty else { throw InterchangeError(line: 1, empty) }
        if let other = roots.first(where: { $0.name == foreign.name }) { throw InterchangeError(line: other.line, foreign.message) }
        return roots
    }

    /// The top-level components of a file; every line must be inside one.
    public static func parse(_ lines: [ContentLine]) throws(InterchangeError) -> [Component] {
        var roots: [Component] = []
        var open: [Component] = []
        for line in lines {
            switch line.name {
            case "BEGIN":
                let name = line.value.trimmingWhitespace.uppercased()
                guard !name.isEmpty else { throw InterchangeError(line: line.line, "BEGIN names no component") }
                open.append(Component(name: name, line: line.line))
            case "END":
                let name = line.value.trimmingWhitespace.uppercased()
                guard let current = open.popLast() else {
                    throw InterchangeError(line: line.line, "END:\(name) without a BEGIN:\(name)")
                }
                guard current.name == name else {
                    throw InterchangeError(line: line.line, "END:\(name) closes BEGIN:\(current.name) of line \(current.line)")
                }
                if open.isEmpty { roots.append(current) } else { open[open.count - 1].components.append(current) }
            default:
                // A property outside every component belongs to nothing that is imported.
                guard !open.isEmpty else { continue }
                open[open.count - 1].properties.append(line)
            }
        }
        if let unclosed = open.last {
            throw InterchangeError(line: unclosed.line, "BEGIN:\(unclosed.name) is never closed by END:\(unclosed.name)")
        }
        return roots
    }
}
