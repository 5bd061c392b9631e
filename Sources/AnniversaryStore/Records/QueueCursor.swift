import Foundation

/// A position in a channel's queue, which is ordered by next attempt and then id.
public struct QueueCursor: Hashable, Sendable {
    public var nextAttemptAt: Date
    public var id: String

    public init(nextAttemptAt: Date, id: String) {
        self.nextAttemptAt = nextAttemptAt
        self.id = id
    }
}
