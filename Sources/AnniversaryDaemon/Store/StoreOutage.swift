import AnniversaryCore
import AnniversaryStore
import Foundation

/// A stretch of time in which the database could not be written (another process's lock, a full
/// disk, a file system that is read-only or failing), and when to try it again.
///
/// A pure value, so that the backoff is tested without a clock: 1 s after the first failure,
/// doubling after each further one, at most ``maximumDelay``.
public struct StoreOutage: Hashable, Sendable {
    /// When the first failure was met.
    public let since: Date
    /// The latest failure.
    public private(set) var error: StoreError
    /// Failures in a row so far.
    public private(set) var failures: Int
    /// When the database is next tried.
    public private(set) var retryAt: Date

    /// The first wait.
    public static let firstDelay = Duration.seconds(1)
    /// The longest wait between tries. Short, because a lock can end without a trace: a
    /// transaction that wrote nothing changes no file for the database watcher to notice.
    public static let maximumDelay = Duration.seconds(10)

    public init(_ error: StoreError, at now: Date) {
        since = now
        self.error = error
        failures = 1
        retryAt = now + Self.delay(afterFailures: 1)
    }

    /// Another try failed at `now`.
    public mutating func failedAgain(_ error: StoreError, at now: Date) {
        self.error = error
        failures += 1
        retryAt = now + Self.delay(afterFailures: failures)
    }

    /// Seconds to wait after `failures` failures in a row.
    public static func delay(afterFailures failures: Int) -> TimeInterval {
        let doubled = firstDelay.timeInterval * pow(2, Double(min(max(failures, 1), 32) - 1))
        return min(doubled, maximumDelay.timeInterval)
    }

    /// What the daemon is waiting for, in words, for logs and `STATUS=`.
    public var reason: String {
        switch error {
        case .locked: "the database is locked by another process"
        case .full: "the disk holding the database is full"
        case .readOnly: "the database cannot be written (read-only)"
        default: "\(error)"
        }
    }
}
