import AnniversaryStore
import ArgumentParser

/// `anniversaryd events remove`.
struct EventsRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove an event added with the command line.",
        discussion: "Events from event files are removed by editing their files."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The event's id.")
    var id: String

    func run() throws {
        let context = try CommandContext.load(options)
        try Failure.exitOnError { () throws(StoreError) in try context.store.removeEvent(id: id) }
        print("removed \(id)")
    }
}
