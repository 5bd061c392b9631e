import AnniversaryConfig
import AnniversaryDaemon
import AnniversaryStore
import ArgumentParser
import Foundation
import Logging

/// `anniversaryd run`: the daemon, in the foreground.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon in the foreground until SIGTERM or SIGINT.",
        discussion: """
            Logs go to standard error (with journald priority prefixes under systemd). SIGHUP reloads the \
            configuration; SIGTERM or SIGINT stop after the deliveries in flight, a second one at once. \
            Refuses to start, with exit code 78, when the configuration has a problem.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (default: the configuration's, else info).", valueName: "level"))
    var logLevel: String?

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        let configuration = try CommandContext.loadConfiguration(options, checkingSecrets: true)
        let level = LogLevelSetting((logLevel ?? configuration.logLevel).flatMap(Logger.Level.init(rawValue:)) ?? .info)
        let format = DaemonLogHandler.format(environment: ProcessInfo.processInfo.environment)
        LoggingSystem.bootstrap { _ in DaemonLogHandler(format: format, level: level) }
        let logger = Logger(label: "anniversaryd")
        // From here on, what ends the daemon is one line in the log's format, and its exit code.
        do {
            let databasePath = options.database ?? configuration.databasePath
            let lock = try InstanceLock(database: databasePath)
            let store = try await Self.openStore(databasePath, configuration: configuration, logger: logger)
            // A level given with --log-level stays; otherwise a reload applies log_level.
            let daemon = try Daemon(configuration: configuration, store: store, logLevel: logLevel == nil ? level : nil, logger: logger)
            let signals = try SignalReceiver()
            let eventCount = try store.fetchEventCount()
            logger.info("starting", metadata: ["config": "\(options.configPath)", "database": "\(store.path)", "events": "\(eventCount)"])
            try await daemon.run(signals: signals)
            withExtendedLifetime(lock) {}
        } catch {
            throw Self.fatal(error, logger: logger)
        }
        logger.info("stopped")
    }

    /// Opens and migrates the database and syncs the event files into it, waiting out another
    /// process's lock or a full disk (each logged once when it starts and once when it ends).
    static func openStore(_ path: String, configuration: Configuration, logger: Logger) async throws -> CalendarStore {
        let availability = StoreAvailability(logger: logger)
        let clock = TimerFDWallClock()
        // A short busy timeout: the daemon's own backoff waits longer locks out, without holding
        // a thread that sends reminders.
        let store = try await availability.waitOut(clock: clock) { () throws(StoreError) in
            try CalendarStore(path: path, busyTimeout: Daemon.busyTimeout, checkpointsInBackground: true)
        }
        do {
            _ = try await availability.waitOut(clock: clock) { () throws(StoreError) in
                try store.syncFileEvents(configuration.events, policy: configuration.policy, now: clock.now)
            }
        } catch {
            throw Daemon.explaining(error, in: configuration)
        }
        return store
    }

    /// Logs what ends the daemon and gives its exit code.
    static func fatal(_ error: any Error, logger: Logger) -> any Error {
        switch error {
        case let error as ConfigurationError:
            for diagnostic in error.diagnostics { logger.critical("\(diagnostic)") }
            return Failure.exitCode(for: error)
        case let error as StoreError:
            logger.critical("\(error)")
            return Failure.exitCode(for: error)
        case let error as InstanceLockError:
            logger.critical("\(error)")
            if case .held = error { return Failure.unavailable }
            return Failure.ioError
        case let error as DaemonError:
            logger.critical("\(error)")
            return Failure.configError
        default:
            return error
        }
    }
}
