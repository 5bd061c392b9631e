import AnniversaryCore

/// The events a file holds, each with the line its component starts on, and what could not be
/// kept of them.
public struct ImportResult: Sendable {
    public struct Item: Hashable, Sendable {
        public var definition: EventDefinition
        public var line: Int
    }

    public var events: [Item] = []
    public var warnings: [ImportWarning] = []
}
