import AnniversaryConfig
import AnniversaryCore
import AnniversaryDelivery
import AnniversaryStore
import AsyncHTTPClient
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// The running service: the scheduler and its channels, under one service group that stops
/// gracefully on SIGTERM or SIGINT.
public struct Daemon: Sendable {
    public let scheduler: Scheduler
    /// The process's one HTTP client, when a channel needs it; shut down when the daemon stops.
    let httpClient: HTTPClient?
    let logger: Logger

    /// Builds the daemon from a loaded configuration and an open store.
    ///
    /// - Parameter environment: Where `url_env` and `secret_env` are read.
    /// - Throws: ``DaemonError`` when a channel cannot be built.
    public init(
        configuration: Configuration,
        store: CalendarStore,
        clock: any WallClock = TimerFDWallClock(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger
    ) throws(DaemonError) {
        let needsHTTP = configuration.channels.values.contains { $0.kind != .log }
        let client = needsHTTP ? HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow)) : nil
        let channels: [String: any DeliveryChannel]
        do {
            channels = try ChannelFactory(environment: environment, httpClient: client, logger: logger).makeChannels(configuration.channels.values)
        } catch {
            try? client?.syncShutdown()
            throw error
        }
        scheduler = Scheduler(store: store, setup: Self.setup(configuration, channels: channels), clock: clock, logger: logger)
        httpClient = client
        self.logger = logger
    }

    static func setup(_ configuration: Configuration, channels: [String: any DeliveryChannel]) -> Scheduler.Setup {
        Scheduler.Setup(
            policy: configuration.policy,
            planner: ReminderPlanner(catchUp: configuration.catchUp),
            channels: channels.mapValues { channel in
                let settings = configuration.channels[channel.name]
                return Scheduler.ChannelSetup(
                    channel: channel,
                    retryPolicy: settings.map { RetryPolicy(attempts: $0.retry.attempts, maxAge: $0.retry.maxAge) } ?? RetryPolicy(),
                    concurrency: settings?.concurrency ?? 4
                )
            }
        )
    }

    /// Checks that every configured channel can be built, as `run` will.
    ///
    /// - Throws: ``DaemonError`` for the first channel that cannot.
    public static func validate(_ configuration: Configuration, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DaemonError) {
        let factory = ChannelFactory(environment: environment, httpClient: nil, logger: Logger(label: "anniversaryd.check"))
        for channel in configuration.channels.values {
            _ = try factory.endpoint(of: channel)
        }
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
        do {
            try await group.run()
        } catch {
            try? await httpClient?.shutdown()
            throw error
        }
        try await httpClient?.shutdown()
    }
}
