import AnniversaryConfig
import AnniversaryCore
import AnniversaryStore
import ArgumentParser
import Foundation

/// What most commands start from: the validated configuration and the synced calendar.
struct CommandContext {
    let configuration: Configuration
    let store: CalendarStore

    /// How a command brings the event files into the database before it works.
    enum Sync {
        /// The files must be synced: a command that writes.
        case required
        /// Synced when the database can be written now; when another process holds its write
        /// lock, the command answers from the database as it is, after one warning.
        case unlessLocked
        /// Not synced: a command that reads only the outbox.
        case none
    }

    /// Loads the configuration, opens the database and syncs the event files into it.
    ///
    /// Problems are printed to standard error and end the command with their sysexits code.
    ///
    /// - Parameter forDaemon: Whether URL and secret sources must be readable, and checkpoints
    ///   of the database kept out of its commits (for `run`).
    static func load(_ options: GlobalOptions, now: Date = Date(), sync: Sync = .required, forDaemon: Bool = false) throws -> CommandContext {
        let configuration = try loadConfiguration(options, checkingSecrets: forDaemon)
        let store = try Failure.exitOnError { () throws(StoreError) in
            // A command that may answer without syncing gives up on another process's lock soon.
            try CalendarStore(
                path: options.database ?? configuration.databasePath, busyTimeout: sync == .unlessLocked ? .milliseconds(500) : .seconds(5),
                checkpointsInBackground: forDaemon
            )
        }
        let context = CommandContext(configuration: configuration, store: store)
        if sync != .none { try context.syncEventFiles(now: now, lockedIsAnError: sync == .required) }
        return context
    }

    /// Syncs the event files into the database.
    ///
    /// - Parameter lockedIsAnError: When false, a write lock held by another process is reported
    ///   as one warning and the database is left as it is.
    /// - Throws: The exit code, after printing the problem: for an id the database holds as a
    ///   CLI event, a configuration error at the id's file:line:column.
    func syncEventFiles(now: Date, lockedIsAnError: Bool = true) throws {
        do {
            try store.syncFileEvents(configuration.events, policy: configuration.policy, now: now)
        } catch .fileEventsShadowCLIEvents(let ids) {
            throw Failure.exit(with: configuration.idsTakenByCLIEvents(ids))
        } catch .locked where !lockedIsAnError {
            printError("anniversaryd: warning: the event files changed, but another process holds the database's write lock: "
                + "answering from the database as it is, without the files' changes")
        } catch {
            throw Failure.exit(with: error)
        }
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
