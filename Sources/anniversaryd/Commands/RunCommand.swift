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
        let context = try CommandContext.load(options, forDaemon: true)
        let level = LogLevelSetting((logLevel ?? context.configuration.logLevel).flatMap(Logger.Level.init(rawValue:)) ?? .info)
        let format = DaemonLogHandler.format(environment: ProcessInfo.processInfo.environment)
        LoggingSystem.bootstrap { _ in DaemonLogHandler(format: format, level: level) }
        let logger = Logger(label: "anniversaryd")
        let daemon = try Failure.exitOnError { () throws(DaemonError) in
            // A level given with --log-level stays; otherwise a reload applies log_level.
            try Daemon(configuration: context.configuration, store: context.store, logLevel: logLevel == nil ? level : nil, logger: logger)
        }
        let signals = try SignalReceiver()
        let eventCount = try Failure.exitOnError { () throws(StoreError) in try context.store.fetchEventCount() }
        logger.info("starting", metadata: [
            "config": "\(options.configPath)", "database": "\(context.store.path)", "events": "\(eventCount)",
        ])
        do {
            try await daemon.run(signals: signals)
        } catch {
            throw Failure.exit(with: error)
        }
        logger.info("stopped")
    }
}
