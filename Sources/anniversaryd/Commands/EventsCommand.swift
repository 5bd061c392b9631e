import ArgumentParser

/// `anniversaryd events`: manage the calendar in the database.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List, add, remove, import and export events.",
        discussion: """
            Events from event files are synced into the database and follow their files; these commands \
            manage the others. Changes reach a running daemon at its next wake-up or restart.
            """,
        subcommands: [EventsListCommand.self, EventsAddCommand.self, EventsRemoveCommand.self, EventsImportCommand.self, EventsExportCommand.self]
    )
}
