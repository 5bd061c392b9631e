import AnniversaryConfig
import AnniversaryDaemon
import AnniversaryDelivery
import ArgumentParser
import Foundation
import Logging

/// `anniversaryd send-test CHANNEL`.
struct SendTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-test",
        abstract: "Send one test notification through a configured channel.",
        discussion: "Exits 0 when the channel accepted it, 69 when it did not (the reason is printed), 78 when it cannot be built."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The channel's name in the configuration.")
    var channel: String

    func run() async throws {
        let configuration = try CommandContext.loadConfiguration(options, checkingSecrets: true)
        guard configuration.channels[channel] != nil else {
            throw ValidationError("no channel named \"\(channel)\"; the configuration has \(configuration.channels.keys.sorted().joined(separator: ", "))")
        }
        do {
            try await Daemon.sendTest(channel: channel, configuration: configuration, logger: Logger(label: "anniversaryd"))
        } catch let error as DeliveryError {
            printError("anniversaryd: channel \"\(channel)\" did not accept the test notification: \(error)")
            throw Failure.unavailable
        } catch {
            throw Failure.exit(with: error)
        }
        print("sent a test notification through \(channel)")
    }
}
