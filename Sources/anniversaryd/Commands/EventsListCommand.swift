import AnniversaryCore
import AnniversaryStore
import ArgumentParser
import Foundation

/// `anniversaryd events list`.
struct EventsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the calendar's events.")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "One JSON object per line instead of a table.")
    var json = false

    func run() throws {
        let context = try CommandContext.load(options, sync: .unlessLocked)
        let events = try Failure.exitOnError { () throws(StoreError) in try context.store.fetchEvents() }
        if json {
            var output = OutputBuffer()
            for event in events { output.appendLine(event.definition.json(source: event.source)) }
            output.flush()
            return
        }
        guard !events.isEmpty else {
            print("No events.")
            return
        }
        var table = Table(header: ["ID", "DATE", "SOURCE", "TITLE"])
        for event in events {
            table.append([event.definition.id, event.definition.origin.description, event.source.rawValue, event.definition.title])
        }
        print(table.render())
    }
}
