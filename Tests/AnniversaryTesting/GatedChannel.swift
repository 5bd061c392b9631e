import AnniversaryCore
import AnniversaryDelivery
import Foundation

/// A channel whose deliveries wait until the test opens its gate: an endpoint that hangs.
public final class GatedChannel: DeliveryChannel, @unchecked Sendable {
    // @unchecked: all state is guarded by `lock`.
    private let lock = NSLock()
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var inFlight = 0
    private var startedCount = 0
    private var highWater = 0
    private var done: [ChannelReminder] = []
    public let name: String

    public init(name: String) {
        self.name = name
    }

    /// Deliveries that have begun.
    public var started: Int { lock.withLock { startedCount } }
    /// The most deliveries that were in flight at once.
    public var mostInFlight: Int { lock.withLock { highWater } }
    /// Deliveries that went through the gate, in the order they did.
    public var delivered: [ChannelReminder] { lock.withLock { done } }

    /// Lets every waiting and later delivery through.
    public func open() {
        let released = lock.withLock {
            isOpen = true
            defer { waiting.removeAll() }
            return waiting
        }
        for continuation in released { continuation.resume() }
    }

    /// Waits (up to 10 s of real time) until `count` deliveries have begun.
    public func waitUntilStarted(_ count: Int) async -> Bool {
        let start = ContinuousClock.now
        while started < count {
            guard ContinuousClock.now - start < .seconds(10) else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    public func deliver(_ reminder: ChannelReminder) async throws(DeliveryError) {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let proceed = lock.withLock {
                startedCount += 1
                inFlight += 1
                highWater = max(highWater, inFlight)
                if !isOpen { waiting.append(continuation) }
                return isOpen
            }
            if proceed { continuation.resume() }
        }
        lock.withLock {
            inFlight -= 1
            done.append(reminder)
        }
    }
}
