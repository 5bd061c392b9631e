import AnniversaryCore
import AnniversaryDelivery
import Foundation
import InMemoryLogging
import Logging
import Testing

/// A reminder for the U.S.–Mongolia 40th anniversary, planned as the daemon plans it.
func fortiethAnniversary(lateBy: Duration? = nil, channel: String = "log") -> ChannelReminder {
    let event = Event(
        id: "us-mn", title: "U.S.–Mongolia diplomatic relations", origin: OriginDate("1987-01-27")!,
        time: TimeOfDay("09:00")!, timeZone: TimeZone(identifier: "Asia/Ulaanbaatar")!, leads: [Lead("7d")!],
        channels: [channel], message: "{{years}} years of diplomatic relations (since {{date}}).", milestones: [40]
    )
    let due = try! Date("2027-01-20T01:00:00Z", strategy: .iso8601)
    let now = due.addingTimeInterval(lateBy.map { Double($0.components.seconds) } ?? 0)
    return ReminderPlanner().plan(event, after: due.addingTimeInterval(-1), through: due, now: now).due[0]
}

struct LogChannelTests {
    @Test func logsTheMessageOnceAsANoticeWithItsFacts() async throws {
        let handler = InMemoryLogHandler()
        let channel = LogChannel(logger: Logger(label: "test") { _ in handler })
        try await channel.deliver(fortiethAnniversary())
        let entry = try #require(handler.entries.first)
        #expect(handler.entries.count == 1)
        #expect(entry.level == .notice)
        #expect(entry.message.description == "40 years of diplomatic relations (since 1987-01-27).")
        #expect(entry.metadata["event.id"] == "us-mn")
        #expect(entry.metadata["reminder.lead"] == "7d")
        #expect(entry.metadata["reminder.occurrence"] == "2027-01-27")
        #expect(entry.metadata["delivery.id"] == "us-mn/2027-01-27/7d/log")
        #expect(entry.metadata["reminder.late_by"] == nil)
    }

    @Test func saysHowLateACaughtUpReminderIs() async throws {
        let handler = InMemoryLogHandler()
        let channel = LogChannel(logger: Logger(label: "test") { _ in handler })
        try await channel.deliver(fortiethAnniversary(lateBy: .seconds(2 * 3600 + 300)))
        #expect(handler.entries.first?.metadata["reminder.late_by"] == "2h 5m")
    }

    @Test func theChannelTemplateWrapsTheMessage() async throws {
        let handler = InMemoryLogHandler()
        let template = try MessageTemplate("{{when}}: {{title}} — {{ordinal}} anniversary{{#milestone}} (milestone){{/milestone}}. {{message}}")
        let channel = LogChannel(template: template, logger: Logger(label: "test") { _ in handler })
        try await channel.deliver(fortiethAnniversary())
        #expect(handler.entries.first?.message.description ==
            "in 7 days: U.S.–Mongolia diplomatic relations — 40th anniversary (milestone). 40 years of diplomatic relations (since 1987-01-27).")
    }
}
