import Foundation
import Logging
import ServiceLifecycle

/// Pings systemd's watchdog (`WATCHDOG=1`) at half of `$WATCHDOG_USEC`, but only while the
/// scheduler says its loop is turning: a stuck scheduler stops the pings and systemd restarts
/// the service.
public struct Watchdog: Service {
    let interval: Duration
    let notifier: SystemdNotifier
    let isHealthy: @Sendable () async -> Bool
    let logger: Logger

    /// - Parameters:
    ///   - interval: Between pings: half of the watchdog's timeout.
    ///   - isHealthy: Asked before each ping.
    public init(interval: Duration, notifier: SystemdNotifier, logger: Logger, isHealthy: @escaping @Sendable () async -> Bool) {
        self.interval = interval
        self.notifier = notifier
        self.isHealthy = isHealthy
        self.logger = logger
    }

    /// Half of `$WATCHDOG_USEC`, when systemd set it for this process (`$WATCHDOG_PID`, if set,
    /// names it); `nil` when the watchdog is off.
    public static func interval(environment: [String: String], pid: Int32 = getpid()) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = UInt64(text), microseconds > 0 else { return nil }
        if let owner = environment["WATCHDOG_PID"], Int32(owner) != pid { return nil }
        return .microseconds(microseconds / 2)
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    if await isHealthy() {
                        notifier.notify(.watchdog)
                    } else {
                        logger.critical("the scheduler is stuck: watchdog not pinged")
                    }
                    try await TimerFDWallClock.sleep(for: interval)
                }
            }
        } catch is CancellationError {}
    }
}
