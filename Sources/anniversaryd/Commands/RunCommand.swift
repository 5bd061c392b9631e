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
        discussion: "Logs go to standard error. Refuses to start, with exit code 78, when the configuration has a problem."
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
        let context = try CommandContext.load(options, checkingSecrets: true)
        let level = (logLevel ?? context.configuration.logLevel).flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "anniversaryd")
        let daemon = try Failure.exitOnError { () throws(DaemonError) in
            try Daemon(configuration: context.configuration, store: context.store, logger: logger)
        }
        let eventCount = try Failure.exitOnError { () throws(StoreError) in try context.store.fetchEventCount() }
        logger.info("starting", metadata: [
            "config": "\(options.configPath)", "database": "\(context.store.path)", "events": "\(eventCount)",
        ])
        do {
            try await daemon.run()
        } catch {
            throw Failure.exit(with: error)
        }
        logger.info("stopped")
    }
}
