/// Why a recurrence rule cannot be read, and where in its text.
public struct RecurrenceRuleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offset, in UTF-8 bytes from the start of the rule's text, of the part at fault.
    public var offset: Int
    /// A sentence naming the bad part: "BYDAY=5XX: XX is not a weekday …".
    public var message: String

    public init(offset: Int, _ message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { message }
}
