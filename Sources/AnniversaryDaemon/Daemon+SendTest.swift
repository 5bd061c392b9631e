import AnniversaryConfig
import AnniversaryCore
import AnniversaryDelivery
import Foundation
import Logging

extension Daemon {
    /// Sends one test notification through a configured channel, as `run` would, and records nothing.
    ///
    /// - Throws: ``DaemonError`` when the channel cannot be built, or ``DeliveryError`` when it
    ///   refuses the notification.
    public static func sendTest(
        channel name: String,
        configuration: Configuration,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        now: Date = Date(),
        logger: Logger
    ) async throws {
        guard let channelConfiguration = configuration.channels[name] else { throw DaemonError.unknownChannel(name) }
        let http = HTTPClientHolder()
        defer { http.shutdown() }
        let channel = try ChannelFactory(environment: environment, http: http, logger: logger).makeChannel(channelConfiguration)
        try await channel.deliver(testReminder(channel: name, now: now, zone: configuration.policy.timeZone))
    }

    /// A reminder due now for an event made up for the test, with a delivery id of its own.
    static func testReminder(channel: String, now: Date, zone: TimeZone) -> ChannelReminder {
        let today = zone.localDate(for: now)
        let event = Event(
            id: "anniversaryd-send-test", title: "anniversaryd test notification", origin: OriginDate(today),
            time: zone.timeOfDay(for: now), timeZone: zone, channels: [channel],
            message: "This is a test notification from anniversaryd through channel \"\(channel)\"."
        )
        let planned = ReminderPlanner().plan(event, after: now.addingTimeInterval(-86_400), through: now.addingTimeInterval(1), now: now).due[0]
        // A fresh id per test, so receivers that drop repeats show every test.
        return ChannelReminder(
            id: "send-test/\(Int(now.timeIntervalSince1970))/\(channel)", eventID: planned.eventID, channel: channel,
            occurrenceDate: planned.occurrenceDate, lead: planned.lead, dueAt: planned.dueAt, lateBy: nil, context: planned.context
        )
    }
}
