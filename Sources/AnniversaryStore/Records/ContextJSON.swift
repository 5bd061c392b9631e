import AnniversaryCore
import Foundation

/// A reminder's template context as stored in the outbox: a JSON object of strings.
///
/// By hand both ways: a `JSONEncoder` per row was a sixth of planning a burst of 10,000 reminders,
/// and a `JSONDecoder` per row a seventh of sending them.
enum ContextJSON {
    static func encode(_ context: [String: String]) -> String {
        var bytes: [UInt8] = []
        JSONValue.object(context.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }).write(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decode(_ text: String) -> [String: String] {
        var copy = text
        return copy.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes)
            // Anything but the flat object `encode` writes goes the long way.
            return scanner.object() ?? (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
        }
    }

    /// Reads `{"key":"value",…}` as `encode` writes it.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func object() -> [String: String]? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var object: [String: String] = [:]
            if take(UInt8(ascii: "}")) { return index == bytes.count ? object : nil }
            repeat {
                guard let key = string(), take(UInt8(ascii: ":")), let value = string() else { return nil }
                object[key] = value
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}")) && index == bytes.count ? object : nil
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A string; most have no escapes and are decoded straight from the bytes.
        private mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var unescaped: [UInt8]?
            var start = index
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    let tail = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    guard var text = unescaped else { return String(decoding: tail, as: UTF8.self) }
                    text += tail
                    return String(decoding: text, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    var text = unescaped ?? []
                    text += UnsafeBufferPointer(rebasing: bytes[start..<index])
                    guard index + 1 < bytes.count else { return nil }
                    let escaped = bytes[index + 1]
                    index += 2
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                    case UInt8(ascii: "n"): text.append(UInt8(ascii: "\n"))
                    case UInt8(ascii: "r"): text.append(UInt8(ascii: "\r"))
                    case UInt8(ascii: "t"): text.append(UInt8(ascii: "\t"))
                    case UInt8(ascii: "u"):
                        // Only the control characters `encode` escapes this way: no surrogates.
                        guard index + 4 <= bytes.count,
                              let value = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<index + 4]), as: UTF8.self), radix: 16),
                              let scalar = Unicode.Scalar(value)
                        else { return nil }
                        text += String(scalar).utf8
                        index += 4
                    default: return nil
                    }
                    unescaped = text
                    start = index
                default:
                    index += 1
                }
            }
            return nil
        }
    }
}
