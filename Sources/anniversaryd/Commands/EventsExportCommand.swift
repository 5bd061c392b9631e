import AnniversaryConfig
import AnniversaryCore
import AnniversaryInterchange
import AnniversaryStore
import ArgumentParser
import Foundation

/// `anniversaryd events export`.
struct EventsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the calendar's events as CSV, JSON or iCalendar, to standard output.",
        discussion: "The output is what `events import` reads; iCalendar (ics) is also read by calendar apps."
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "csv (default), json or ics.")
    var format: EventFileFormat = .csv

    @Option(help: "Only events from the command line (cli), from files (file), or all (default).")
    var source: String = "all"

    func validate() throws {
        guard ["all", "cli", "file"].contains(source) else { throw ValidationError("--source must be all, cli or file") }
        if format == .vcf { throw ValidationError("vcf is read by `events import` only; export as csv, json or ics") }
    }

    func run() throws {
        let context = try CommandContext.load(options, sync: .unlessLocked)
        let events = try Failure.exitOnError { () throws(StoreError) in try context.store.fetchEvents() }
            .filter { source == "all" || $0.source.rawValue == source }
        switch format {
        case .vcf:
            preconditionFailure("refused by validate()")
        case .ics:
            var output = OutputBuffer()
            output.append(bytes: Array(ICalendarWriter(now: Date(), leapDay: context.configuration.policy.leapDay).calendar(events.map(\.definition)).utf8))
            output.flush()
        case .csv:
            var output = OutputBuffer()
            output.appendLine(CSV.line(EventFields.names))
            for event in events {
                let fields = EventFields(event.definition)
                output.appendLine(CSV.line(EventFields.Name.allCases.map { fields[$0] ?? "" }))
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
