import Foundation

/// The outcome of sending one outbox row, to be recorded.
public struct DeliveryAttempt: Hashable, Sendable {
    public var id: String
    public var status: DeliveryStatus
    public var error: String?
    /// For a row left pending: when to try again; `nil` means at once.
    public var nextAttemptAt: Date?

    public init(id: String, status: DeliveryStatus, error: String? = nil, nextAttemptAt: Date? = nil) {
        self.id = id
        self.status = status
        self.error = error
        self.nextAttemptAt = nextAttemptAt
    }
}
