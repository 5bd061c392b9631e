import AnniversaryCore
import Foundation

/// When to try a failed delivery again, and when to give up: a pure decision, tested without HTTP.
///
/// The schedule follows the Standard Webhooks recommendation (5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
/// then every 10 h), each delay spread by up to ±20 % so that many failed deliveries do not retry
/// in step. A `Retry-After` from the receiver is honoured when it asks for longer.
public struct RetryPolicy: Hashable, Sendable {
    public static let schedule: [Duration] = [.seconds(5), .seconds(300), .seconds(1800), .seconds(7200), .seconds(18_000), .seconds(36_000)]

    /// At most this many attempts in all. Default: 8.
    public var attempts: Int
    /// No attempt starts once the reminder is this old. Default: 24 hours.
    public var maxAge: Duration
    /// The spread of each delay, as a fraction. Default: 0.2.
    public var jitter: Double

    public init(attempts: Int = 8, maxAge: Duration = .seconds(86_400), jitter: Double = 0.2) {
        self.attempts = attempts
        self.maxAge = maxAge
        self.jitter = jitter
    }

    public enum Decision: Hashable, Sendable {
        case retry(at: Date)
        case giveUp(reason: String)
    }

    /// What to do after attempt number `attempt` (1 for the first) failed at `now`.
    ///
    /// - Parameters:
    ///   - error: The failure; a permanent one is never retried.
    ///   - dueAt: When the reminder was due: the age bound counts from there.
    ///   - random: A number in `0..<1` for the jitter; tests pass a fixed one.
    public func decide(after error: DeliveryError, attempt: Int, dueAt: Date, now: Date, random: Double) -> Decision {
        let retryAfter: Duration?
        switch error {
        case .permanent(let reason): return .giveUp(reason: reason)
        case .retryable(_, let after): retryAfter = after
        }
        guard attempt < attempts else { return .giveUp(reason: "\(error) (after \(attempt) attempts)") }
        let base = Self.schedule[min(attempt - 1, Self.schedule.count - 1)]
        var delay = base * (1 + jitter * (2 * random - 1))
        if let retryAfter, retryAfter > delay { delay = retryAfter }
        let next = now.addingTimeInterval(delay.timeInterval)
        guard next.timeIntervalSince(dueAt) <= maxAge.timeInterval else {
            return .giveUp(reason: "\(error) (the next attempt would be more than \(maxAge) after the reminder was due)")
        }
        return .retry(at: next)
    }
}
