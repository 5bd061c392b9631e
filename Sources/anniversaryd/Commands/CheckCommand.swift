import AnniversaryConfig
import AnniversaryCore
import AnniversaryDaemon
import AnniversaryStore
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
        // An existing database may hold ids the files now define; a missing one is not created.
        let database = options.database ?? configuration.databasePath
        if FileManager.default.fileExists(atPath: database) {
            let taken = try Failure.exitOnError { () throws(StoreError) in
                try CalendarStore(path: database).cliEventIDs(among: configuration.events.map(\.id))
            }
            if !taken.isEmpty { throw Failure.exit(with: configuration.idsTakenByCLIEvents(taken)) }
        }
        print("\(options.configPath): ok, \(configuration.events.count) events in \(configuration.eventFiles.count) files, " +
              "\(configuration.channels.count) channels")
    }
}
