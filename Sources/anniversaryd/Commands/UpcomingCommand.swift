import AnniversaryConfig
import AnniversaryCore
import AnniversaryStore
import ArgumentParser
import Foundation

/// `anniversaryd upcoming`: the dates coming up, and when their reminders fire.
struct UpcomingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upcoming",
        abstract: "List upcoming dates and when their reminders fire.",
        discussion: "The window is --from (default: today in the configured time zone) through --days days later, inclusive."
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "How many days ahead to look.")
    var days = 30

    @Option(help: ArgumentHelp("The first day of the window, YYYY-MM-DD.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only events with this tag.", valueName: "tag"))
    var tag: String?

    @Flag(help: "One JSON object per line instead of a table.")
    var json = false

    func validate() throws {
        guard (0...36_600).contains(days) else { throw ValidationError("--days must be between 0 and 36600") }
        if let from, LocalDate(from) == nil { throw ValidationError("--from must be a date, YYYY-MM-DD, not \"\(from)\"") }
    }

    func run() throws {
        let context = try CommandContext.load(options)
        let start = from.flatMap(LocalDate.init) ?? context.today()
        let end = start.adding(days: days)
        let definitions = try Failure.exitOnError { () throws(StoreError) in
            try context.store.fetchEvents(occurringFrom: start, through: end, tag: tag)
        }
        let dates = UpcomingDate.list(context.resolve(definitions), from: start, through: end)
        var output = OutputBuffer()
        if json {
            var reminders = JSONFragmentCache<ReminderTimesKey>()
            for date in dates { output.appendLine(date.json(reminders: &reminders)) }
        } else {
            output.appendLine(UpcomingCommand.table(dates, from: start, through: end))
        }
        output.flush()
    }

    static func table(_ dates: [UpcomingDate], from start: LocalDate, through end: LocalDate) -> String {
        guard !dates.isEmpty else { return "No dates from \(start) through \(end)." }
        var table = Table(header: ["DATE", "DAY", "WHEN", "YEARS", "EVENT"])
        // Most dates share their reminders' description with many others: describe each once.
        var descriptions: [ReminderTimesKey: String] = [:]
        for date in dates {
            var years = date.occurrence.ordinal ?? (date.occurrence.years == 0 ? "origin" : "")
            if date.occurrence.isMilestone { years += " ★" }
            let key = ReminderTimesKey(
                date: date.occurrence.date, zone: date.event.timeZone.identifier,
                instants: date.reminders.map(\.instant), leads: date.reminders.map(\.lead)
            )
            let note = descriptions[key] ?? {
                let text = "fires " + UpcomingCommand.describe(date.reminders, of: date.occurrence, in: date.event.timeZone)
                descriptions[key] = text
                return text
            }()
            table.append([date.occurrence.date.description, date.occurrence.date.weekdaySymbol, date.when, years, date.event.title], notes: [note])
        }
        return table.render()
    }
}

/// What the description of an occurrence's reminders depends on.
struct ReminderTimesKey: Hashable {
    let date: LocalDate
    let zone: String
    let instants: [Date]
    let leads: [Lead]
}

extension UpcomingCommand {
    /// "2026-12-28, 2027-01-20 and on the day, 09:00 Asia/Ulaanbaatar"; each with its own time
    /// when the times differ.
    static func describe(_ reminders: [ReminderInstant], of occurrence: Occurrence, in zone: TimeZone) -> String {
        let days = reminders.map { zone.localDate(for: $0.instant) }
        let times = reminders.map { zone.timeOfDay(for: $0.instant) }
        let names = days.map { $0 == occurrence.date ? "on the day" : $0.description }
        if Set(times).count == 1, let time = times.first {
            let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + names.last! : names.joined()
            return "\(list), \(time) \(zone.identifier)"
        }
        return zip(names, times).map { "\($0) \($1)" }.joined(separator: ", ") + " \(zone.identifier)"
    }
}

extension UpcomingDate {
    /// One line of `upcoming --json`.
    func json(reminders cache: inout JSONFragmentCache<ReminderTimesKey>) -> JSONValue {
        let zone = event.timeZone
        let key = ReminderTimesKey(date: occurrence.date, zone: zone.identifier, instants: reminders.map(\.instant), leads: reminders.map(\.lead))
        return .object([
            ("date", .string(occurrence.date.description)),
            ("days_until", .int(daysUntil)),
            ("event_id", .string(event.id)),
            ("milestone", .bool(occurrence.isMilestone)),
            ("ordinal", .optional(occurrence.ordinal)),
            ("reminders", cache.value(for: key) {
                .array(reminders.map { reminder in
                    .object([("at", .string(reminder.instant.iso8601(in: zone))), ("lead", .string(reminder.lead.description))])
                })
            }),
            ("tags", .strings(event.tags)),
            ("time_zone", .string(zone.identifier)),
            ("title", .string(event.title)),
            ("weekday", .string(occurrence.date.weekdaySymbol)),
            ("years", .optional(occurrence.years)),
        ])
    }
}
