/// Why a calendar or address-book file cannot be imported, at the line of the content line at fault.
public struct InterchangeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line the content line starts on (a folded line starts where it was first written).
    public var line: Int
    public var message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// Something in an imported file the calendar cannot keep, said once per event.
public struct ImportWarning: Hashable, Sendable, CustomStringConvertible {
    /// The line of the component (`BEGIN:VEVENT`) the warning is about.
    public var line: Int
    public var message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
