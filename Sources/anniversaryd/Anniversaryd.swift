import AnniversaryDaemon
import AnniversaryStore
import ArgumentParser

/// `anniversaryd`: the daemon and its command line.
@main
struct Anniversaryd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anniversaryd",
        abstract: "Reminders for anniversaries and dates, ahead of time and on the day.",
        discussion: """
            Exit codes follow sysexits: 0 ok, 64 usage, 65 bad data, 66 missing input, 69 unavailable, \
            74 I/O error, 78 configuration error.
            """,
        subcommands: [
            RunCommand.self, UpcomingCommand.self, CheckCommand.self, EventsCommand.self, SimulateCommand.self, DeliveriesCommand.self,
            SendTestCommand.self,
        ]
    )

    static func main() async {
        QuietGlobalExecutor.install()
        CalendarStore.configureSQLiteForThisProcess()
        await main(nil)
    }
}
