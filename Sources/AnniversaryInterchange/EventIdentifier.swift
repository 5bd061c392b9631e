/// Event ids for imported UIDs (`7kukuq@google.com` → `7kukuq_40google.com`), in the id alphabet
/// (ASCII letters, digits, `.`, `_`, `-`, starting with a letter or digit, at most 200 bytes).
///
/// The mapping is one to one for ids up to the length limit, so two UIDs never share an id:
/// letters and digits stay, `.` and `-` stay after the first byte, and every other byte,
/// `_` included, becomes `_` and two upper-case hex digits. When the first byte is escaped, or is
/// a `0`, the id starts with `0` and that byte's escape. A longer result keeps its first 183
/// bytes and ends with `-` and a 64-bit FNV-1a hash of the whole UID.
public enum EventIdentifier {
    public static let maximumLength = 200

    public static func make(uid: String) -> String {
        var id: [UInt8] = []
        id.reserveCapacity(uid.utf8.count + 4)
        for (index, byte) in uid.utf8.enumerated() {
            let kept = isAlphanumeric(byte) ? !(index == 0 && byte == UInt8(ascii: "0"))
                : index > 0 && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-"))
            if kept {
                id.append(byte)
            } else {
                if index == 0 { id.append(UInt8(ascii: "0")) }
                id += [UInt8(ascii: "_"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
            }
        }
        if id.isEmpty { id = Array("0_".utf8) }
        guard id.count > maximumLength else { return String(decoding: id, as: UTF8.self) }
        var keep = maximumLength - 17
        // Not inside an escape (a literal `_` is always escaped, so any `_` here starts one).
        if let underscore = id[(keep - 2)..<keep].lastIndex(of: UInt8(ascii: "_")) { keep = underscore }
        return String(decoding: id[..<keep], as: UTF8.self) + "-" + hash(uid)
    }

    /// 16 hex digits of the text's 64-bit FNV-1a hash: the same on every machine and run, which
    /// Swift's `Hasher` is not.
    static func hash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16, uppercase: false)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The UID an unshortened id was made from; nil for a string ``make(uid:)`` cannot return.
    public static func uid(from id: String) -> String? {
        if id == "0_" { return "" }
        var bytes = Array(id.utf8)[...]
        if bytes.first == UInt8(ascii: "0") {
            bytes = bytes.dropFirst()
            guard bytes.first == UInt8(ascii: "_") else { return nil }
        }
        var uid: [UInt8] = []
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "_") else {
                uid.append(byte)
                continue
            }
            guard bytes.count >= 2, let high = hexValue(bytes.popFirst()!), let low = hexValue(bytes.popFirst()!) else { return nil }
            uid.append(high << 4 | low)
        }
        return String(validating: uid, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        hexDigits.firstIndex(of: byte).map(UInt8.init)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
