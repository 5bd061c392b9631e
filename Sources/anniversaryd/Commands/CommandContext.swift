import AnniversaryConfig
import AnniversaryCore
import AnniversaryStore
import ArgumentParser
import Foundation

/// What most commands start from: the validated configuration and the synced calendar.
struct CommandContext {
    let configuration: Configuration
    let store: CalendarStore

    /// Loads the configuration, opens the database and syncs the event files into it.
    ///
    /// Problems are printed to standard error and end the command with their sysexits code.
    ///
    /// - Parameter forDaemon: Whether URL and secret sources must be readable, and checkpoints
    ///   of the database kept out of its commits (for `run`).
    static func load(_ options: GlobalOptions, now: Date = Date(), sync: Bool = true, forDaemon: Bool = false) throws -> CommandContext {
        let configuration = try loadConfiguration(options, checkingSecrets: forDaemon)
        let store = try Failure.exitOnError { () throws(StoreError) in
            try CalendarStore(path: options.database ?? configuration.databasePath, checkpointsInBackground: forDaemon)
        }
        if sync {
            _ = try Failure.exitOnError { () throws(StoreError) in
                try store.syncFileEvents(configuration.events, policy: configuration.policy, now: now)
            }
        }
        return CommandContext(configuration: configuration, store: store)
    }

    static func loadConfiguration(_ options: GlobalOptions, checkingSecrets: Bool) throws -> Configuration {
        try Failure.exitOnError { () throws(ConfigurationError) in
            try Configuration.load(from: options.configPath, checkingSecrets: checkingSecrets)
        }
    }

    /// The events of the calendar with every setting resolved.
    func resolve(_ definitions: [EventDefinition]) -> [Event] {
        definitions.compactMap { try? configuration.policy.resolve($0) }
    }

    /// Today in the configuration's time zone.
    func today(now: Date = Date()) -> LocalDate {
        configuration.policy.timeZone.localDate(for: now)
    }
}
