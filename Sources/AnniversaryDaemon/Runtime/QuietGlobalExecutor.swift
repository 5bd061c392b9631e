import CAnniversary
import Foundation

/// Runs Swift concurrency's global jobs on threads that sleep without waking when idle.
///
/// On Linux, once libdispatch's global queues have run a job, their worker-pool monitor wakes the
/// process every second, forever (measured: 54 wake-ups a minute in an idle daemon). This executor
/// takes those jobs instead, on a few threads that wait on a condition variable, so an idle
/// daemon sleeps until its next reminder.
public enum QuietGlobalExecutor {
    /// Installs the executor. Call it once, first thing in `main`, before any task runs.
    ///
    /// - Parameter threads: How many threads run jobs. Default: the number of active cores, at least 2.
    public static func install(threads: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)) {
        let error = CAnniversary_installGlobalExecutor(Int32(threads))
        precondition(error == 0, "cannot start the global executor's threads: errno \(error)")
    }
}
