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
        guard let bytes = FileBytes.read(atPath: file) else {
            printError("\(file): cannot read the file")
            throw FileManager.default.fileExists(atPath: file) ? Failure.ioError : Failure.noInput
        }
        let channels = Set(context.configuration.channels.keys)
        let policy = context.configuration.policy
        let count: Int
        do {
            switch format ?? EventFileFormat(path: file)! {
            case .csv: count = try importCSV(bytes, into: context.store, channels: channels, policy: policy)
            case .json:
                let definitions = try EventImport.json(Data(bytes), file: file, channels: channels)
                try context.store.addEvents(definitions, replacing: replace, policy: policy, now: Date())
                count = definitions.count
            }
        } catch {
            throw Failure.exit(with: error)
        }
        print("imported \(count) events")
    }

    /// Reads and checks the next batch of rows on a thread of its own while the store writes
    /// this one: parsing and SQLite each keep a core busy.
    private func importCSV(_ bytes: [UInt8], into store: CalendarStore, channels: Set<String>, policy: SchedulePolicy) throws -> Int {
        let expectedCount = bytes.lazy.filter { $0 == UInt8(ascii: "\n") }.count
        let rows = try EventImport.CSVRows(bytes, file: file, channels: channels, expectedCount: expectedCount)
        var count = 0
        try store.addEvents(replacing: replace, now: Date(), expectedCount: expectedCount) { reference in
            let pipeline = Pipeline(count: .max, threads: 1, isLast: { $0 == nil }) { () -> (Int) throws(DataError) -> EventRows? in
                var rows = rows
                var preparer = EventPreparer(policy: policy, after: reference)
                return { _ throws(DataError) in
                    guard let batch = try rows.next(limit: Self.batchSize) else { return nil }
                    return EventRows(batch, preparer: &preparer)
                }
            }
            var index = 0
            return {
                let batch = try pipeline.result(index)
                index += 1
                count += batch?.count ?? 0
                return batch
            }
        }
        return count
    }

    /// Large enough that a batch in key order fills whole pages of the table.
    private static let batchSize = 16384
}
