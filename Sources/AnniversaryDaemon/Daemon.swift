import AnniversaryConfig
import AnniversaryCore
import AnniversaryDelivery
import AnniversaryStore
import Logging
import ServiceLifecycle
import UnixSignals

/// The running service: the scheduler and its channels, under one service group that stops
/// gracefully on SIGTERM or SIGINT.
public struct Daemon: Sendable {
    public let scheduler: Scheduler
    let logger: Logger

    /// Builds the daemon from a loaded configuration and an open store.
    ///
    /// - Throws: ``DaemonError`` when a channel cannot be built.
    public init(configuration: Configuration, store: CalendarStore, clock: any WallClock = TimerFDWallClock(), logger: Logger) throws(DaemonError) {
        scheduler = Scheduler(
            store: store,
            policy: configuration.policy,
            planner: ReminderPlanner(catchUp: configuration.catchUp),
            channels: try Self.makeChannels(configuration.channels.values, logger: logger),
            clock: clock,
            logger: logger
        )
        self.logger = logger
    }

    /// One channel per configured channel.
    static func makeChannels(_ configurations: some Sequence<ChannelConfiguration>, logger: Logger) throws(DaemonError) -> [String: any DeliveryChannel] {
        var channels: [String: any DeliveryChannel] = [:]
        for configuration in configurations {
            switch configuration.kind {
            case .log:
                channels[configuration.name] = LogChannel(name: configuration.name, template: configuration.template, logger: logger)
            case .webhook, .slack, .discord, .ntfy, .teams:
                throw .unsupportedChannel(name: configuration.name, type: configuration.kind.rawValue)
            }
        }
        return channels
    }

    /// Checks that every configured channel can be built, as `run` will.
    ///
    /// - Throws: ``DaemonError`` for the first channel that cannot.
    public static func validate(_ configuration: Configuration, logger: Logger) throws(DaemonError) {
        _ = try makeChannels(configuration.channels.values, logger: logger)
    }

    /// Runs until SIGTERM or SIGINT, then returns.
    public func run() async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: scheduler)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }
}
