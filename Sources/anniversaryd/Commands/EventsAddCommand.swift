import AnniversaryConfig
import AnniversaryCore
import AnniversaryStore
import ArgumentParser
import Foundation

/// `anniversaryd events add`.
struct EventsAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an event to the calendar.",
        discussion: "Settings left out come from the configuration's defaults and rules, as for events in files."
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "A stable key: letters, digits, '.', '_' and '-'.")
    var id: String

    @Option(help: "What the event is.")
    var title: String

    @Option(help: ArgumentHelp("YYYY-MM-DD, or --MM-DD when the year is unknown.", valueName: "date"))
    var date: String

    @Option(help: ArgumentHelp("yearly (default), once, or an RFC 5545 rule: 'FREQ=YEARLY;BYMONTH=11;BYDAY=4TH'.", valueName: "rule"))
    var recurrence: String?

    @Option(name: .customLong("exdate"), help: ArgumentHelp("A date the rule's series leaves out, YYYY-MM-DD; repeat for several.", valueName: "date"))
    var exdates: [String] = []

    @Option(name: .customLong("rdate"), help: ArgumentHelp("A date added to the rule's series, YYYY-MM-DD; repeat for several.", valueName: "date"))
    var rdates: [String] = []

    @Option(name: .customLong("tag"), help: "A tag; repeat for several.")
    var tags: [String] = []

    @Option(help: "A Mustache message template.")
    var message: String?

    @Option(help: ArgumentHelp("The last date with an occurrence, YYYY-MM-DD.", valueName: "date"))
    var until: String?

    @Option(help: ArgumentHelp("Local time reminders fire, HH:MM.", valueName: "time"))
    var at: String?

    @Option(help: ArgumentHelp("An IANA time zone.", valueName: "zone"))
    var timezone: String?

    @Option(help: ArgumentHelp("Lead times separated by ';' or ',': 7d,1d,0d.", valueName: "leads"))
    var remind: String?

    @Option(name: .customLong("channel"), help: "A channel; repeat for several.")
    var channels: [String] = []

    @Option(help: "feb28 or mar1.")
    var leapDay: String?

    func run() throws {
        let context = try CommandContext.load(options)
        var fields = EventFields()
        fields[.id] = id
        fields[.title] = title
        fields[.date] = date
        fields[.tags] = tags.joined(separator: ";")
        fields[.recurrence] = recurrence
        fields[.message] = message
        fields[.until] = until
        fields[.at] = at
        fields[.timezone] = timezone
        fields[.remind] = remind?.replacingOccurrences(of: ",", with: ";")
        fields[.channels] = channels.isEmpty ? nil : channels.joined(separator: ";")
        fields[.leapDay] = leapDay
        fields[.exdates] = exdates.isEmpty ? nil : exdates.joined(separator: ";")
        fields[.rdates] = rdates.isEmpty ? nil : rdates.joined(separator: ";")
        let definition: EventDefinition
        do {
            definition = try fields.definition(channels: Set(context.configuration.channels.keys))
        } catch {
            throw ValidationError(error.message)
        }
        try Failure.exitOnError { () throws(StoreError) in
            try context.store.addEvents([definition], policy: context.configuration.policy, now: Date())
        }
        print("added \(definition.id)")
    }
}
