import AnniversaryConfig
import AnniversaryCore
import AnniversaryStore
import ArgumentParser
import Foundation

extension DeliveryStatus: ExpressibleByArgument {}

/// `anniversaryd deliveries`: the outbox, and retrying what failed.
struct DeliveriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries",
        abstract: "Show the outbox: every reminder planned for a channel and how its delivery stands.",
        discussion: "Statuses: pending, delivered, dead (gave up), missed (older than catch_up after downtime; never sent).",
        subcommands: [DeliveriesListCommand.self, DeliveriesRetryCommand.self],
        defaultSubcommand: DeliveriesListCommand.self
    )
}

/// `anniversaryd deliveries [list]`.
struct DeliveriesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List deliveries, oldest due first.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Only deliveries with this status: pending, delivered, dead or missed.")
    var status: DeliveryStatus?

    @Option(help: "At most this many.")
    var limit = 1000

    @Flag(help: "One JSON object per line instead of a table.")
    var json = false

    func run() throws {
        let context = try CommandContext.load(options, sync: .none)
        let entries = try Failure.exitOnError { () throws(StoreError) in try context.store.fetchOutbox(status: status, limit: limit) }
        let zone = context.configuration.policy.timeZone
        var output = OutputBuffer()
        if json {
            for entry in entries { output.appendLine(entry.json) }
        } else if entries.isEmpty {
            output.appendLine("No deliveries\(status.map { " with status \($0.rawValue)" } ?? "").")
        } else {
            var table = Table(header: ["DUE (\(zone.name))", "STATUS", "TRIES", "CHANNEL", "ID / LAST ERROR"])
            for entry in entries {
                let due = "\(zone.localDate(for: entry.reminder.dueAt)) \(zone.timeOfDay(for: entry.reminder.dueAt))"
                let detail = entry.lastError.map { "\(entry.reminder.id): \($0)" } ?? entry.reminder.id
                table.append([due, entry.status.rawValue, String(entry.attempts), entry.reminder.channel, detail])
            }
            output.appendLine(table.render())
        }
        output.flush()
    }
}

/// `anniversaryd deliveries retry`.
struct DeliveriesRetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Queue a dead or missed delivery again, or every dead one.",
        discussion: "The daemon sends it at its next wake-up, with the same delivery id."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The delivery's id, as `deliveries` shows it.")
    var id: String?

    @Flag(help: "Every dead delivery.")
    var allDead = false

    func validate() throws {
        guard (id != nil) != allDead else { throw ValidationError("give a delivery id or --all-dead, not both") }
    }

    func run() throws {
        let context = try CommandContext.load(options, sync: .none)
        if allDead {
            let count = try Failure.exitOnError { () throws(StoreError) in try context.store.retryDeadDeliveries(at: Date()) }
            print("queued \(count) dead deliveries again")
            return
        }
        guard let id else { return }
        let queued = try Failure.exitOnError { () throws(StoreError) in try context.store.retryDelivery(id: id, at: Date()) }
        print(queued ? "queued \(id) again" : "\(id) is already pending or delivered")
    }
}
