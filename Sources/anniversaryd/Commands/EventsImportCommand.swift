import AnniversaryConfig
import AnniversaryCore
import AnniversaryInterchange
import AnniversaryStore
import ArgumentParser
import Foundation

/// `anniversaryd events import`.
struct EventsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import events from CSV, JSON, iCalendar or vCard, all or none.",
        discussion: """
            CSV has a header row naming its columns: id, title and date are required; recurrence, tags, message, \
            until, at, timezone, remind, channels, leap_day, exdates, rdates and notes are optional, lists separated \
            by ';'. JSON is an \
            array of objects with the same keys (lists may be arrays). An iCalendar file (.ics) gives one event \
            per VEVENT, a vCard file (.vcf) a yearly event per birthday and anniversary; what an event cannot keep is \
            said in a warning. One bad row or line rejects the whole file.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The file to import.", valueName: "file"))
    var file: String

    @Option(help: "csv, json, ics or vcf (default: from the file name).")
    var format: EventFileFormat?

    @Flag(help: "Replace events the command line added earlier with the same ids.")
    var replace = false

    func validate() throws {
        if format == nil, EventFileFormat(path: file) == nil {
            throw ValidationError("cannot tell the format of \(file); use --format csv, json, ics or vcf")
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
            let definitions: [EventDefinition]
            switch format ?? EventFileFormat(path: file)! {
            case .csv:
                // Batch by batch, as it reads.
                print("imported \(try importCSV(bytes, into: context.store, channels: channels, policy: policy)) events")
                return
            case .json: definitions = try EventImport.json(Data(bytes), file: file, channels: channels)
            case .ics: definitions = try interchange(channels: channels) { () throws(InterchangeError) in try ICalendarImporter(now: Date()).read(bytes) }
            case .vcf: definitions = try interchange(channels: channels) { () throws(InterchangeError) in try VCardImporter().read(bytes) }
            }
            try context.store.addEvents(definitions, replacing: replace, policy: policy, now: Date())
            count = definitions.count
        } catch {
            throw Failure.exit(with: error)
        }
        print("imported \(count) events")
    }

    /// The events of a calendar or address book, its warnings printed, its error given its file.
    private func interchange(
        channels: Set<String>, _ read: () throws(InterchangeError) -> ImportResult
    ) throws(DataError) -> [EventDefinition] {
        let result: ImportResult
        do { result = try read() } catch { throw DataError(description: "\(file):\(error.line): \(error.message)") }
        for warning in result.warnings { printError("\(file):\(warning.line): warning: \(warning.message)") }
        for item in result.events {
            if let unknown = item.definition.channels?.first(where: { !channels.contains($0) }) {
                throw DataError(description: "\(file):\(item.line): unknown channel \"\(unknown)\"; the configuration has \(channels.sorted().joined(separator: ", "))")
            }
            if let message = item.definition.message {
                do { _ = try MessageTemplate(message) } catch {
                    throw DataError(description: "\(file):\(item.line): the message template: \(error.description) at column \(error.column)")
                }
            }
        }
        return result.events.map(\.definition)
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
