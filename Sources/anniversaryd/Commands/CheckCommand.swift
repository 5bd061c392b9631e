import AnniversaryConfig
import AnniversaryDaemon
import ArgumentParser
import Foundation

/// `anniversaryd check`: validates the configuration and event files.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration and event files.",
        discussion: "Prints every problem as file:line:column: message. Exits 0 only when all is well, else 78."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let configuration = try CommandContext.loadConfiguration(options, checkingSecrets: true)
        try Failure.exitOnError { () throws(DaemonError) in
            try Daemon.validate(configuration)
        }
        print("\(options.configPath): ok, \(configuration.events.count) events in \(configuration.eventFiles.count) files, " +
              "\(configuration.channels.count) channels")
    }
}
