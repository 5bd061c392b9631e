import AnniversaryConfig
import AnniversaryCore
import AnniversaryStore
import ArgumentParser
import Foundation

/// `anniversaryd events import`.
struct EventsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import events from CSV or JSON, all or none.",
        discussion: """
            CSV has a header row naming its columns: id, title and date are required; recurrence, tags, message, \
            until, at, timezone, remind, channels and leap_day are optional, lists separated by ';'. JSON is an \
            array of objects with the same keys (lists may be arrays). One bad row rejects the whole file.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The file to import.", valueName: "file"))
    var file: String

    @Option(help: "csv or json (default: from the file name).")
    var format: EventFileFormat?

    @Flag(help: "Replace events the command line added earlier with the same ids.")
    var replace = false

    func validate() throws {
        if format == nil, EventFileFormat(path: file) == nil {
            throw ValidationError("cannot tell the format of \(file); use --format csv or --format json")
        }
    }

    func run() throws {
        let context = try CommandContext.load(options)
        guard let data = FileManager.default.contents(atPath: file) else {
            printError("\(file): cannot read the file")
            throw FileManager.default.fileExists(atPath: file) ? Failure.ioError : Failure.noInput
        }
        let channels = Set(context.configuration.channels.keys)
        let definitions: [EventDefinition]
        do {
            switch format ?? EventFileFormat(path: file)! {
            case .csv: definitions = try EventImport.csv(data, file: file, channels: channels)
            case .json: definitions = try EventImport.json(data, file: file, channels: channels)
            }
        } catch {
            throw Failure.exit(with: error)
        }
        try Failure.exitOnError { () throws(StoreError) in
            try context.store.addEvents(definitions, replacing: replace, policy: context.configuration.policy, now: Date())
        }
        print("imported \(definitions.count) events")
    }
}
