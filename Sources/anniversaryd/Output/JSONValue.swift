import AnniversaryCore
import Foundation

/// `--json` output: one compact object per line, keys sorted, so the format is stable and each
/// line can be parsed on its own. Objects list their keys in order; nothing sorts them at run time.
///
/// Written by hand rather than with `JSONEncoder`, which spends most of `upcoming --json`'s time
/// over a large calendar on reflection.
enum JSONValue {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// Already encoded JSON, written as is.
    case encoded([UInt8])

    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    func write(to output: inout [UInt8]) {
        switch self {
        case .string(let text): JSONValue.writeString(text, to: &output)
        case .int(let number): output += String(number).utf8
        case .bool(let flag): output += (flag ? "true" : "false").utf8
        case .null: output += "null".utf8
        case .encoded(let bytes): output += bytes
        case .array(let values):
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                value.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            assert(zip(members, members.dropFirst()).allSatisfy { $0.0 < $1.0 }, "keys must be given in order")
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.writeString(member.0, to: &output)
                output.append(UInt8(ascii: ":"))
                member.1.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// RFC 8259 string escaping: quotes, backslashes and control characters; the rest is copied
    /// as UTF-8.
    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output += text.utf8
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += #"\""#.utf8
            case UInt8(ascii: "\\"): output += #"\\"#.utf8
            case UInt8(ascii: "\n"): output += #"\n"#.utf8
            case UInt8(ascii: "\r"): output += #"\r"#.utf8
            case UInt8(ascii: "\t"): output += #"\t"#.utf8
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                output += (#"\u"# + String(repeating: "0", count: 4 - hex.count) + hex).utf8
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// Buffered standard output: one write for many lines.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func appendLine(_ value: JSONValue) {
        value.write(to: &bytes)
        endLine()
    }

    mutating func appendLine(_ line: String) {
        bytes += line.utf8
        endLine()
    }

    private mutating func endLine() {
        bytes.append(UInt8(ascii: "\n"))
        if bytes.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }
}

extension Date {
    /// RFC 3339 with the offset of `zone`: `2027-01-27T09:00:00+08:00`, `…Z` in UTC.
    func iso8601(in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: self)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        let suffix = offset == 0 ? "Z" : "\(sign)\(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes)"
        var time = zone.timeOfDay(for: self).description
        if time.count == 5 { time += ":00" }
        return "\(zone.localDate(for: self))T\(time)\(suffix)"
    }
}

/// Encoded JSON of values a listing repeats many times (the same reminder times for every event
/// on a date), each encoded once.
struct JSONFragmentCache<Key: Hashable> {
    private var fragments: [Key: [UInt8]] = [:]

    mutating func value(for key: Key, _ make: () -> JSONValue) -> JSONValue {
        if let bytes = fragments[key] { return .encoded(bytes) }
        var bytes: [UInt8] = []
        make().write(to: &bytes)
        fragments[key] = bytes
        return .encoded(bytes)
    }
}
