import AnniversaryConfig
import AnniversaryCore
import AnniversaryStore
import ArgumentParser
import Foundation

/// `anniversaryd simulate`: every reminder `run` would send in a window, from the same planner.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Dry run: every reminder that would be sent between two dates.",
        discussion: """
            The window runs from the start of --from through the end of --to, in the configured time zone. \
            Nothing is sent and nothing is recorded.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("The first day, YYYY-MM-DD.", valueName: "date"))
    var from: String

    @Option(help: ArgumentHelp("The last day, YYYY-MM-DD.", valueName: "date"))
    var to: String

    @Flag(help: "One JSON object per line instead of a table.")
    var json = false

    func validate() throws {
        guard let start = LocalDate(from) else { throw ValidationError("--from must be a date, YYYY-MM-DD, not \"\(from)\"") }
        guard let end = LocalDate(to) else { throw ValidationError("--to must be a date, YYYY-MM-DD, not \"\(to)\"") }
        guard start <= end else { throw ValidationError("--to must not be before --from") }
    }

    func run() throws {
        let context = try CommandContext.load(options, sync: .unlessLocked)
        let zone = context.configuration.policy.timeZone
        let start = zone.instant(for: LocalDate(from)!, at: .midnight).addingTimeInterval(-0.001)
        let end = zone.instant(for: LocalDate(to)!.adding(days: 1), at: .midnight).addingTimeInterval(-0.001)
        // Reminders fire up to the longest lead before their occurrence, and zones differ by up to a day.
        let definitions = try Failure.exitOnError { () throws(StoreError) in
            let reach = try context.store.fetchLongestLeadSpan(policy: context.configuration.policy)
            return try context.store.fetchEvents(occurringFrom: LocalDate(from)!.adding(days: -2), through: LocalDate(to)!.adding(days: reach + 2))
        }
        let planner = ReminderPlanner(catchUp: context.configuration.catchUp)
        let reminders = context.resolve(definitions)
            .flatMap { planner.plan($0, after: start, through: end).due }
            .sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }
        if json {
            var output = OutputBuffer()
            for reminder in reminders { output.appendLine(reminder.json(zone: zone)) }
            output.flush()
            return
        }
        guard !reminders.isEmpty else {
            print("No reminders from \(from) through \(to).")
            return
        }
        var table = Table(header: ["FIRES (\(zone.name))", "LEAD", "CHANNEL", "MESSAGE"])
        for reminder in reminders {
            let fires = "\(zone.localDate(for: reminder.dueAt)) \(zone.timeOfDay(for: reminder.dueAt))"
            table.append([fires, reminder.lead.description, reminder.channel, reminder.message])
        }
        print(table.render())
    }
}
