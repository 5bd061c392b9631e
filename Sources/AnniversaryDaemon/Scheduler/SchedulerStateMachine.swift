import Foundation

/// The scheduler's decisions, as a pure function of "now" and the next due instant.
///
/// Kept apart from the actor that carries them out so that every case is tested without a clock.
public struct SchedulerStateMachine: Sendable {
    public enum Action: Equatable, Sendable {
        /// Something is due now: advance the mark and deliver.
        case fire
        /// Sleep until this wall-clock instant.
        case arm(at: Date)
        /// No reminder will ever fire: sleep until woken (a reload or shutdown).
        case idle
    }

    /// The deadline the timer is armed for, if any.
    public private(set) var armedDeadline: Date?

    public init() {}

    /// What to do, given the time and the next due instant from the index.
    public mutating func next(now: Date, nextFire: Date?) -> Action {
        guard let nextFire else {
            armedDeadline = nil
            return .idle
        }
        if nextFire <= now {
            armedDeadline = nil
            return .fire
        }
        armedDeadline = nextFire
        return .arm(at: nextFire)
    }
}
