import AnniversaryCore
import Foundation

/// Whether the scheduler's loop is turning, as the watchdog asks it: asleep with a deadline that
/// has not long passed, or awake for a short while.
///
/// A pure value, so that every case is tested without a clock.
public struct SchedulerHealth: Sendable {
    private var sleepingUntil: Date?
    private var awakeSince: Date?

    public init() {}

    /// The loop woke up (or started) at `now`.
    public mutating func awake(at now: Date) {
        if sleepingUntil != nil || awakeSince == nil { awakeSince = now }
        sleepingUntil = nil
    }

    /// The loop finished a part of a long task (planning a large backlog) at `now`: awake for
    /// long, but not stuck.
    public mutating func progressed(at now: Date) {
        awakeSince = now
        sleepingUntil = nil
    }

    /// The loop went to sleep until `deadline`.
    public mutating func asleep(until deadline: Date) {
        sleepingUntil = deadline
        awakeSince = nil
    }

    /// Healthy unless the deadline passed more than `tolerance` ago without a wake-up, or the
    /// loop has been awake longer than `tolerance`.
    public func isHealthy(now: Date, tolerance: Duration) -> Bool {
        let slack = tolerance.timeInterval
        if let sleepingUntil { return now.timeIntervalSince(sleepingUntil) < slack }
        if let awakeSince { return now.timeIntervalSince(awakeSince) < slack }
        return true
    }
}
