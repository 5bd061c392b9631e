import AnniversaryConfig
import AnniversaryCore
import AnniversaryDelivery
import AnniversaryStore
import Foundation
import Logging
import ServiceLifecycle

/// The running service: the scheduler, the database watcher and the watchdog under one service
/// group, driven by signals: SIGTERM or SIGINT stop it gracefully (a second one at once), SIGHUP
/// reloads the configuration.
public struct Daemon: Sendable {
    public let scheduler: Scheduler
    let store: CalendarStore
    let configurationPath: String
    /// The configuration's database when the daemon started: a reload cannot move it.
    let databasePath: String
    let environment: [String: String]
    let clock: any WallClock
    let notifier: SystemdNotifier
    /// The process's one HTTP client, made when a channel first needs it.
    let http: HTTPClientHolder
    /// Changed by a reload, unless the level came from the command line.
    let logLevel: LogLevelSetting?
    let stopTimeout: StopTimeout
    let logger: Logger

    /// How long the daemon's store waits for another process's lock before its own backoff takes
    /// over (``StoreAvailability``): long enough for the command line's short writes.
    public static let busyTimeout = Duration.milliseconds(250)

    /// Builds the daemon from a loaded configuration and an open store.
    ///
    /// - Parameters:
    ///   - environment: Where `url_env`, `secret_env`, `NOTIFY_SOCKET` and `WATCHDOG_USEC` are read.
    ///   - logLevel: The level a reload sets from `log_level`; `nil` when `--log-level` fixed it.
    /// - Throws: ``DaemonError`` when a channel cannot be built.
    public init(
        configuration: Configuration,
        store: CalendarStore,
        clock: any WallClock = TimerFDWallClock(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logLevel: LogLevelSetting? = nil,
        logger: Logger
    ) throws(DaemonError) {
        http = HTTPClientHolder()
        let channels: [String: any DeliveryChannel]
        do {
            channels = try ChannelFactory(environment: environment, http: http, logger: logger).makeChannels(configuration.channels.values)
        } catch {
            http.shutdown()
            throw error
        }
        notifier = SystemdNotifier(environment: environment)
        scheduler = Scheduler(store: store, setup: Self.setup(configuration, channels: channels), clock: clock, notifier: notifier, logger: logger)
        self.store = store
        configurationPath = configuration.path
        databasePath = configuration.databasePath
        self.environment = environment
        self.clock = clock
        self.logLevel = logLevel
        stopTimeout = StopTimeout(configuration)
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
                    concurrency: settings?.concurrency ?? ChannelConfiguration.defaultConcurrency
                )
            }
        )
    }

    /// Checks that every configured channel can be built, as `run` will.
    ///
    /// - Throws: ``DaemonError`` for the first channel that cannot.
    public static func validate(_ configuration: Configuration, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DaemonError) {
        let factory = ChannelFactory(environment: environment, http: nil, logger: Logger(label: "anniversaryd.check"))
        for channel in configuration.channels.values {
            _ = try factory.endpoint(of: channel)
        }
    }

    /// Runs until SIGTERM or SIGINT, then returns.
    ///
    /// - Parameter signals: Made before the daemon announces that it is starting, so that a
    ///   signal sent from then on is never taken with its default action.
    public func run(signals: SignalReceiver) async throws {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: scheduler),
            .init(service: DatabaseWatcher(
                path: store.path,
                changedElsewhere: { [store] in (try? store.hasChangedElsewhere()) ?? false },
                onChange: { [scheduler, logger] in
                    logger.debug("the database was changed by another process")
                    scheduler.refresh()
                }
            )),
        ]
        if let interval = Watchdog.interval(environment: environment) {
            services.append(.init(service: Watchdog(interval: interval, notifier: notifier, logger: logger) { [scheduler, clock] in
                await scheduler.isHealthy(now: clock.now, tolerance: interval)
            }))
        }
        // No maximumGracefulShutdownDuration: it is fixed when the group is made, and a reload may
        // lengthen the stop timeout. `handle` bounds the stop instead.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services, logger: logger))
        defer { http.shutdown() }
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            tasks.addTask { await self.handle(signals.signals, group: group) }
            try await tasks.next()
            tasks.cancelAll()
        }
    }

    /// Acts on signals until a stop signal, then begins a graceful stop and returns, to end the
    /// daemon at once, at a second stop signal or when the stop timeout has passed.
    private func handle(_ signals: AsyncStream<SignalReceiver.Signal>, group: ServiceGroup) async {
        for await signal in signals {
            guard signal != .hangup else {
                reload()
                continue
            }
            let timeout = stopTimeout.current
            notifier.notify(.stopping)
            logger.info("stopping: deliveries in flight may finish", metadata: [
                "signal": "\(signal == .terminate ? "SIGTERM" : "SIGINT")", "stop.timeout": "\(timeout)",
            ])
            await group.triggerGracefulShutdown()
            // Cancelled, with no cause, when the graceful stop has ended by itself.
            if let cause = await Self.firstOf(stopSignalIn: signals, orTimeout: timeout) {
                logger.warning("\(cause): stopping at once; undelivered reminders stay pending")
            }
            return
        }
    }

    /// Waits for a stop signal (a hangup is ignored while stopping) or for `timeout`, and says which
    /// came first; `nil` when cancelled.
    static func firstOf(stopSignalIn signals: AsyncStream<SignalReceiver.Signal>, orTimeout timeout: Duration) async -> String? {
        await withTaskGroup(of: String?.self) { race in
            race.addTask {
                for await signal in signals where signal != .hangup { return "second stop signal" }
                return nil
            }
            race.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : "stop timeout of \(timeout) passed"
            }
            defer { race.cancelAll() }
            while let next = await race.next() {
                if let cause = next { return cause }
            }
            return nil
        }
    }

    /// Syncs the configuration's event files into the store.
    ///
    /// - Throws: As ``explaining(_:in:)`` gives the store's error.
    static func sync(_ configuration: Configuration, into store: CalendarStore, now: Date) throws -> CalendarStore.SyncResult {
        do {
            return try store.syncFileEvents(configuration.events, policy: configuration.policy, now: now)
        } catch {
            throw explaining(error, in: configuration)
        }
    }

    /// A sync's error as the daemon reports it: a file event whose id the database holds as a CLI
    /// event becomes a ``ConfigurationError`` at the id's place; anything else stays as it is.
    public static func explaining(_ error: any Error, in configuration: Configuration) -> any Error {
        guard case .fileEventsShadowCLIEvents(let ids)? = error as? StoreError else { return error }
        return configuration.idsTakenByCLIEvents(ids)
    }

    /// Re-reads the configuration and event files; the scheduler takes the new setup when they
    /// are valid. A file with errors leaves the running configuration in force.
    func reload() {
        notifier.notify(.reloading(monotonicMicroseconds: SystemdNotifier.monotonicMicroseconds()))
        logger.notice("reloading", metadata: ["config": "\(configurationPath)"])
        do {
            let configuration = try Configuration.load(from: configurationPath, environment: environment, checkingSecrets: true)
            let channels = try ChannelFactory(environment: environment, http: http, logger: logger).makeChannels(configuration.channels.values)
            let sync = try Self.sync(configuration, into: store, now: clock.now)
            if configuration.databasePath != databasePath {
                logger.warning("database path changed: it takes effect at the next restart", metadata: ["database": "\(configuration.databasePath)"])
            }
            logLevel?.value = configuration.logLevel.flatMap(Logger.Level.init(rawValue:)) ?? .info
            stopTimeout.raise(for: configuration)
            scheduler.reload(Self.setup(configuration, channels: channels))
            logger.notice("reloaded", metadata: [
                "events.added": "\(sync.inserted)", "events.updated": "\(sync.updated)", "events.removed": "\(sync.removed)",
            ])
        } catch {
            if let error = error as? ConfigurationError {
                for diagnostic in error.diagnostics { logger.error("\(diagnostic)") }
            } else {
                logger.error("\(error)")
            }
            logger.error("reload failed: the running configuration stays in force")
            notifier.notify(.ready)
        }
    }
}
