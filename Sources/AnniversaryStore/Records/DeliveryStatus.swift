/// Where an outbox row stands.
public enum DeliveryStatus: String, Hashable, Sendable, CaseIterable {
    /// Waiting to be sent, or to be retried.
    case pending
    /// Accepted by its channel.
    case delivered
    /// Gave up: out of attempts or age, or refused for good.
    case dead
    /// Found after downtime longer than `catch_up`: recorded, never sent.
    case missed
}
