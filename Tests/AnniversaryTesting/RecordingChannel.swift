import AnniversaryCore
import AnniversaryDelivery
import Foundation

/// A channel that keeps what it is given, and fails when told to.
public final class RecordingChannel: DeliveryChannel, @unchecked Sendable {
    // @unchecked: all state is guarded by `lock`.
    private let lock = NSLock()
    private var delivered: [ChannelReminder] = []
    private var failure: DeliveryError?
    public let name: String

    public init(name: String = "log") {
        self.name = name
    }

    public var reminders: [ChannelReminder] { lock.withLock { delivered } }

    /// Makes every following delivery fail with `error`, or succeed again with `nil`.
    public func fail(with error: DeliveryError?) {
        lock.withLock { failure = error }
    }

    public func deliver(_ reminder: ChannelReminder) async throws(DeliveryError) {
        let error = lock.withLock {
            if failure == nil { delivered.append(reminder) }
            return failure
        }
        if let error { throw error }
    }
}
