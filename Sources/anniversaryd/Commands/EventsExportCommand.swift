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
            var output = OutputBuffer()
            output.appendLine(CSV.line(EventFields.names))
            for event in events {
                let fields = EventFields(event.definition)
                output.appendLine(CSV.line(EventFields.names.map { fields.values[$0] ?? "" }))
            }
            output.flush()
        case .json:
            // An array, one event per line.
            var output = OutputBuffer()
            output.appendLine("[")
            for (index, event) in events.enumerated() {
                var line: [UInt8] = []
                event.definition.json(source: nil).write(to: &line)
                output.appendLine(String(decoding: line, as: UTF8.self) + (index < events.count - 1 ? "," : ""))
            }
            output.appendLine("]")
            output.flush()
        }
    }
}

extension EventDefinition {
    /// An event as JSON: `events list --json` (with its source) and `events export --format json`.
    func json(source: StoredEvent.Source?) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let time { members.append(("at", .string(time.description))) }
        if let channels { members.append(("channels", .strings(channels))) }
        members.append(("date", .string(origin.description)))
        members.append(("id", .string(id)))
        if let leapDay { members.append(("leap_day", .string(leapDay.rawValue))) }
        if let message { members.append(("message", .string(message))) }
        members.append(("recurrence", .string(recurrence.rawValue)))
        if let leads { members.append(("remind", .strings(leads.map(\.description)))) }
        if let source { members.append(("source", .string(source.rawValue))) }
        members.append(("tags", .strings(tags)))
        if let timeZoneIdentifier { members.append(("timezone", .string(timeZoneIdentifier))) }
        members.append(("title", .string(title)))
        if let until { members.append(("until", .string(until.description))) }
        return .object(members)
    }
}
