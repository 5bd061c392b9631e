import AnniversaryCore
import AnniversaryStore
import ArgumentParser
import Foundation

/// `anniversaryd events export`.
struct EventsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the calendar's events as CSV or JSON, to standard output.",
        discussion: "The output is what `events import` reads."
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "csv (default) or json.")
    var format: EventFileFormat = .csv

    @Option(help: "Only events from the command line (cli), from files (file), or all (default).")
    var source: String = "all"

    func validate() throws {
        guard ["all", "cli", "file"].contains(source) else { throw ValidationError("--source must be all, cli or file") }
    }

    func run() throws {
        let context = try CommandContext.load(options)
        let events = try Failure.exitOnError { () throws(StoreError) in try context.store.fetchEvents() }
            .filter { source == "all" || $0.source.rawValue == source }
        switch format {
        case .csv:
            var lines = [CSV.line(EventFields.names)]
            for event in events {
                let fields = EventFields(event.definition)
                lines.append(CSV.line(EventFields.names.map { fields.values[$0] ?? "" }))
            }
            print(lines.joined(separator: "\n"))
        case .json:
            let records = events.map { EventRecord($0.definition, source: nil) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(records) + Data("\n".utf8))
        }
    }
}

/// An event as JSON: `events list --json` and `events export --format json`.
struct EventRecord: Encodable {
    let id: String
    let title: String
    let date: String
    let recurrence: String
    let tags: [String]
    let message: String?
    let until: String?
    let at: String?
    let timezone: String?
    let remind: [String]?
    let channels: [String]?
    let leap_day: String?
    let source: String?

    init(_ definition: EventDefinition, source: StoredEvent.Source?) {
        id = definition.id
        title = definition.title
        date = definition.origin.description
        recurrence = definition.recurrence.rawValue
        tags = definition.tags
        message = definition.message
        until = definition.until?.description
        at = definition.time?.description
        timezone = definition.timeZoneIdentifier
        remind = definition.leads?.map(\.description)
        channels = definition.channels
        leap_day = definition.leapDay?.rawValue
        self.source = source?.rawValue
    }
}
