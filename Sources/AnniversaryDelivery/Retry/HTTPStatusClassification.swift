import Foundation

/// What an HTTP response means for a delivery.
public enum HTTPStatusClassification {
    /// `nil` for success (2xx); otherwise the error, retryable or not.
    ///
    /// 3xx (no redirect is followed), 408, 429 and 5xx are retried; other 4xx are permanent: the
    /// receiver refuses the request itself. `Retry-After` is read as delay-seconds or an HTTP date.
    public static func error(status: Int, retryAfter: String?, now: Date) -> DeliveryError? {
        switch status {
        case 200..<300:
            return nil
        case 410:
            return .gone
        case 408, 429, 300..<400, 500..<600:
            return .retryable(reason: "HTTP \(status)", retryAfter: retryAfter.flatMap { parseRetryAfter($0, now: now) })
        default:
            return .permanent(reason: "HTTP \(status)")
        }
    }

    /// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT` (RFC 9110).
    public static func parseRetryAfter(_ value: String, now: Date) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .seconds(max(0, date.timeIntervalSince(now).rounded(.up)))
    }
}
