import AnniversaryCore
import Foundation

/// An event row: the definition as written, where it came from, and its next reminder.
public struct StoredEvent: Hashable, Sendable {
    /// Where an event was defined; file events follow their files, the others are the CLI's.
    public enum Source: String, Hashable, Sendable {
        case file
        case cli
    }

    public var definition: EventDefinition
    public var source: Source
    /// The first reminder instant after the high-water mark; `nil` when none will ever fire.
    public var nextFireAt: Date?

    public init(definition: EventDefinition, source: Source, nextFireAt: Date? = nil) {
        self.definition = definition
        self.source = source
        self.nextFireAt = nextFireAt
    }
}
