import AnniversaryConfig
import ArgumentParser
import Foundation

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The configuration file (default: $ANNIVERSARYD_CONFIG, else /etc/anniversaryd/anniversaryd.yaml).",
        valueName: "path"
    ))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The SQLite database, overriding the configuration's.", valueName: "path"))
    var database: String?

    var configPath: String {
        config ?? Configuration.defaultPath(environment: ProcessInfo.processInfo.environment)
    }
}
