/// One logical line of an iCalendar (RFC 5545 3.1) or vCard (RFC 6350 3.3) file, unfolded:
/// `[group.]NAME;PARAM=value,value:VALUE`.
public struct ContentLine: Hashable, Sendable {
    /// The vCard group (`item1` in `item1.X-ABDATE`), if any, as written.
    public var group: String?
    /// Upper-cased.
    public var name: String
    /// Parameter names upper-cased, values as written without their quotes.
    public var parameters: [String: [String]]
    /// The raw value: TEXT escapes are still in it (see ``TextValue``).
    public var value: String
    /// The 1-based line it starts on.
    public var line: Int

    /// The first value of a parameter.
    public func parameter(_ name: String) -> String? { parameters[name]?.first }
}
