import AnniversaryCore
import Foundation
import Yams

/// Reads one YAML file's nodes as the schema's types, reporting each problem with its position.
///
/// Scalars are read as the type the schema asks for, never by YAML's own guess: `no` stays the
/// string "no" where a string is expected, and `1987-01-27` is a date because the key says so.
struct YAMLReader {
    let file: String
    let collector: DiagnosticCollector

    /// Parses the text and returns its root node, or reports a syntax error.
    func root(of text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else { return nil }
            return node
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                // libyaml's words for this name its C function.
                if problem.contains("nesting level") {
                    collector.report("lists and mappings are nested too deeply here (YAML allows \(Self.maximumNesting) levels)", in: file, at: mark)
                    break
                }
                let detail = context.map { " \($0.text)" } ?? ""
                collector.report("YAML syntax error: \(problem)\(detail)", in: file, at: mark)
            case .duplicatedKeysInMapping(let duplicates, let context):
                collector.report("duplicate key \"\(duplicates.first ?? "")\" in a mapping", in: file, at: context.mark)
            case .reader(let problem, _, _, _):
                collector.report("cannot read YAML: \(problem)", in: file, at: nil)
            default:
                collector.report("YAML error: \(error)", in: file, at: nil)
            }
        } catch {
            collector.report("YAML error: \(error)", in: file, at: nil)
        }
        return nil
    }

    /// libyaml's limit on nested lists and mappings.
    static let maximumNesting = 1000

    func report(_ message: String, at node: Node?) {
        collector.report(message, in: file, at: node?.mark)
    }

    // MARK: - Mappings

    /// The mapping's values by key, after reporting keys the schema does not know.
    func mapping(_ node: Node, named what: String, keys known: [String]) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            report("\(what) must be a mapping of keys to values", at: node)
            return nil
        }
        var values: [String: Node] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else {
                report("\(what) has a key that is not a plain string", at: keyNode)
                continue
            }
            guard known.contains(key) else {
                var message = "unknown key \"\(key)\" in \(what)"
                if let suggestion = Suggestion.closest(to: key, among: known) { message += "; did you mean \"\(suggestion)\"?" }
                report(message, at: keyNode)
                continue
            }
            values[key] = valueNode
        }
        return values
    }

    /// The mapping's entries in file order, keys with their nodes.
    func entries(_ node: Node, named what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            report("\(what) must be a mapping", at: node)
            return []
        }
        return mapping.compactMap { keyNode, value in
            guard let key = keyNode.scalar?.string else {
                report("\(what) has a key that is not a plain string", at: keyNode)
                return nil
            }
            return (key, keyNode, value)
        }
    }

    // MARK: - Scalars

    /// Whether the node is YAML's null: an empty value, `~` or `null`.
    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func string(_ node: Node?, key: String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar, !isNull(node) else {
            report(isNull(node) ? "\"\(key)\" needs a value" : "\"\(key)\" must be a string", at: node)
            return nil
        }
        return scalar.string
    }

    func requiredString(_ values: [String: Node], key: String, in what: String, at parent: Node) -> String? {
        guard let node = values[key] else {
            report("\(what) is missing \"\(key)\"", at: parent)
            return nil
        }
        guard let value = string(node, key: key) else { return nil }
        if value.trimmingCharacters(in: .whitespaces).isEmpty {
            report("\"\(key)\" must not be empty", at: node)
            return nil
        }
        return value
    }

    func integer(_ node: Node?, key: String, in range: ClosedRange<Int>) -> Int? {
        guard let node, let text = string(node, key: key) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            report("\"\(key)\" must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"", at: node)
            return nil
        }
        return value
    }

    /// A list of strings; a single scalar counts as a list of one.
    func stringList(_ node: Node?, key: String) -> [(value: String, node: Node)]? {
        guard let node else { return nil }
        switch node {
        case .sequence(let sequence):
            return sequence.compactMap { item in string(item, key: key).map { ($0, item) } }
        case .scalar:
            return string(node, key: key).map { [($0, node)] }
        default:
            report("\"\(key)\" must be a list of strings", at: node)
            return nil
        }
    }

    /// Parses a scalar with `parse`, reporting `expectation` when it fails.
    func value<T>(_ node: Node?, key: String, expecting expectation: String, _ parse: (String) -> T?) -> T? {
        guard let node, let text = string(node, key: key) else { return nil }
        guard let value = parse(text) else {
            report("invalid \(key) \"\(text)\": \(expectation)", at: node)
            return nil
        }
        return value
    }

    func list<T>(_ node: Node?, key: String, expecting expectation: String, _ parse: (String) -> T?) -> [T]? {
        guard let items = stringList(node, key: key) else { return nil }
        var result: [T] = []
        for (text, item) in items {
            if let value = parse(text) {
                result.append(value)
            } else {
                report("invalid \(key) entry \"\(text)\": \(expectation)", at: item)
            }
        }
        return result
    }

    // MARK: - Schema Types

    /// `yearly`, `once` or an RRULE; a bad rule part is reported at its column when the value is
    /// written on one line.
    func recurrence(_ node: Node?) -> Recurrence? {
        guard let node, let text = string(node, key: "recurrence") else { return nil }
        do {
            return try Recurrence(parsing: text)
        } catch {
            let message = "invalid recurrence \"\(text)\": \(error.message)"
            guard let mark = node.mark, let scalar = node.scalar, [.plain, .singleQuoted, .doubleQuoted].contains(scalar.style),
                  text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x80 }) && !text.contains("'")
            else {
                report(message, at: node)
                return nil
            }
            // In ASCII without escapes, the value's offsets are the line's.
            let quote = scalar.style == .plain ? 0 : 1
            collector.report(message, in: file, line: mark.line, column: mark.column + quote + error.offset)
            return nil
        }
    }

    func timeOfDay(_ node: Node?, key: String = "at") -> TimeOfDay? {
        value(node, key: key, expecting: "use HH:MM or HH:MM:SS, 24-hour", TimeOfDay.init)
    }

    func leads(_ node: Node?, key: String = "remind") -> [Lead]? {
        list(node, key: key, expecting: "use a number and a unit: 7d (days), 2w (weeks), 3h (hours), 30m (minutes), 0d for the day itself", Lead.init)
    }

    func leapDay(_ node: Node?) -> LeapDayPolicy? {
        value(node, key: "leap_day", expecting: "use feb28 or mar1", LeapDayPolicy.init(rawValue:))
    }

    func timeZone(_ node: Node?, key: String = "timezone") -> TimeZone? {
        guard let node, let text = string(node, key: key) else { return nil }
        guard let zone = TimeZone(identifier: text) else {
            var message = "unknown time zone \"\(text)\"; use an IANA name such as Europe/London or Asia/Ulaanbaatar"
            if let suggestion = Suggestion.closest(to: text, among: Suggestion.timeZoneIdentifiers) {
                message = "unknown time zone \"\(text)\"; did you mean \"\(suggestion)\"?"
            }
            report(message, at: node)
            return nil
        }
        return zone
    }

    func milestones(_ node: Node?) -> Set<Int>? {
        list(node, key: "milestones", expecting: "use whole numbers of years, such as 10 or 25") { text in
            Int(text).flatMap { $0 > 0 ? $0 : nil }
        }.map(Set.init)
    }

    func duration(_ node: Node?, key: String) -> Duration? {
        value(node, key: key, expecting: "use a number and a unit: 30s, 10m, 24h, 2d", DurationText.parse)
    }

    /// Compiles a Mustache template, reporting a parse error at its place in the file.
    func template(_ node: Node?, key: String) -> MessageTemplate? {
        guard let node, let text = string(node, key: key) else { return nil }
        do {
            return try MessageTemplate(text)
        } catch {
            var (line, column) = (node.mark?.line ?? 0, node.mark?.column ?? 0)
            // On a one-line scalar the template's own column maps onto the file's.
            if error.line == 1, let style = node.scalar?.style, style != .literal, style != .folded {
                let quote = (style == .singleQuoted || style == .doubleQuoted) ? 1 : 0
                column += quote + error.column - 1
            } else {
                line += error.line - (node.scalar?.style == .literal || node.scalar?.style == .folded ? 0 : 1)
            }
            collector.report("\(error.description) in \"\(key)\"", in: file, line: line, column: column)
            return nil
        }
    }
}
