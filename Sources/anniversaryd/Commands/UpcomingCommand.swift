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
        let context = try CommandContext.load(options, sync: .unlessLocked)
        let start = from.flatMap(LocalDate.init) ?? context.today()
        let end = start.adding(days: days)
        var output = OutputBuffer()
        let longestWhen = UpcomingDate.when(daysUntil: days)
        // A week at a time, in date order, so memory stays bounded however large the calendar or
        // window; the next weeks are read, computed and formatted on two other threads (each with
        // caches of its own) while this one writes.
        let weeks = stride(from: 0, through: days, by: UpcomingCommand.chunkDays).map { offset in
            (start.adding(days: offset), start.adding(days: min(days, offset + UpcomingCommand.chunkDays - 1)))
        }
        let (tag, json) = (self.tag, self.json)
        // Rule events are read once for the whole window and sorted into the weeks they have
        // dates in: their index finds the events with a date in a window, but read week by week
        // it would return those with an early date again in every later week.
        let ruleEvents = try Failure.exitOnError { () throws(StoreError) in
            try Self.byWeek(context.resolve(context.store.fetchRuleEvents(occurringFrom: start, through: end, tag: tag)), from: start, weeks: weeks.count)
        }
        let pipeline = Pipeline(count: weeks.count, threads: 2) { () -> (Int) throws(StoreError) -> (text: OutputBuffer, dates: Int) in
            var table = UpcomingTable(longestWhen: longestWhen)
            var reminders = JSONFragmentCache<ReminderTimesKey>()
            return { index throws(StoreError) in
                let (first, last) = weeks[index]
                let definitions = try context.store.fetchEvents(occurringFrom: first, through: last, tag: tag, rules: false)
                let dates = UpcomingDate.list(context.resolve(definitions) + ruleEvents[index], from: first, through: last, today: start)
                var text = OutputBuffer(flushes: false)
                // By index: each date is read in place, not copied out (a retain of each reference).
                for index in dates.indices {
                    if json {
                        text.appendLine { dates[index].writeJSON(to: &$0, reminders: &reminders) }
                    } else {
                        table.append(dates[index], to: &text)
                    }
                }
                return (text, dates.count)
            }
        }
        var count = 0
        for index in weeks.indices {
            let week = try Failure.exitOnError { () throws(StoreError) in try pipeline.result(index) }
            if count == 0, week.dates > 0, !json { output.appendLine(UpcomingTable(longestWhen: longestWhen).header) }
            output.append(week.text)
            count += week.dates
        }
        if count == 0, !json { output.appendLine("No dates from \(start) through \(end).") }
        output.flush()
    }

    static let chunkDays = 7

    /// For each week of the window, the rule events with a date in it.
    static func byWeek(_ events: [Event], from start: LocalDate, weeks: Int) -> [[Event]] {
        var byWeek = [[Event]](repeating: [], count: weeks)
        let end = start.adding(days: weeks * chunkDays - 1)
        for event in events {
            guard let series = event.series else { continue }
            var iterator = series.makeIterator(from: start)
            var week = -1
            while let entry = iterator.next(), entry.date <= end {
                let index = start.days(to: entry.date) / chunkDays
                if index != week { byWeek[index].append(event) }
                week = index
            }
        }
        return byWeek
    }
}
