import AnniversaryCore

/// A destination for reminders: the log, or a webhook of some kind.
///
/// A channel sends one reminder per call and says how it went; retrying and recording the outcome
/// are the caller's job, so channels stay small and testable.
public protocol DeliveryChannel: Sendable {
    /// The channel's name in the configuration.
    var name: String { get }

    /// Sends one reminder.
    ///
    /// - Throws: ``DeliveryError`` saying whether a retry can help.
    func deliver(_ reminder: ChannelReminder) async throws(DeliveryError)
}

/// Why a delivery failed, and whether trying again can help.
public enum DeliveryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Worth retrying later (timeouts, 5xx, refused connections).
    case retryable(reason: String, retryAfter: Duration?)
    /// Retrying cannot help (4xx other than 408 and 429, an unusable payload).
    case permanent(reason: String)

    /// HTTP 410 Gone: the endpoint was removed for good, so its channel stops sending.
    public static let gone = DeliveryError.permanent(reason: "HTTP 410")

    public var description: String {
        switch self {
        case .retryable(let reason, _): reason
        case .permanent(let reason): reason
        }
    }
}
