import AnniversaryCore
import AnniversaryStore
import AnniversaryTesting
import Foundation
import Testing

/// `deliveries` over an outbox the store filled as the daemon does, after a week of downtime.
struct DeliveriesCommandTests {
    let directory = TemporaryDirectory()

    init() throws {
        directory.write("anniversaryd.yaml", "timezone: UTC\ndatabase: calendar.sqlite\n")
        let store = try CalendarStore(path: directory.file("calendar.sqlite"))
        let policy = SchedulePolicy(timeZone: TimeZone(identifier: "UTC")!, leads: [.onTheDay], channels: ["log"])
        let events = [
            EventDefinition(id: "old", title: "Old", origin: OriginDate("2000-01-05")!),
            EventDefinition(id: "recent", title: "Recent", origin: OriginDate("2000-01-10")!),
        ]
        try store.addEvents(events, policy: policy, now: Date(timeIntervalSince1970: 1_767_225_600))  // 2026-01-01
        let day = { (text: String) in try! Date(text, strategy: .iso8601) }
        _ = try store.advanceMark(to: day("2026-01-01T00:00:00Z"), policy: policy, planner: ReminderPlanner())
        _ = try store.advanceMark(to: day("2026-01-10T12:00:00Z"), policy: policy, planner: ReminderPlanner())
    }

    func anniversaryd(_ arguments: String...) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await ChildProcess.run(arguments + ["--config", "anniversaryd.yaml"], in: directory.path)
    }

    func ids(_ output: String, status: String) throws -> [String] {
        try output.split(separator: "\n").compactMap { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return object["status"] as? String == status ? object["id"] as? String : nil
        }
    }

    @Test func listsMissedAndPendingWithTheirFacts() async throws {
        let all = try await anniversaryd("deliveries", "--json")
        #expect(all.status == 0, "\(all.stderr)")
        #expect(try ids(all.stdout, status: "missed") == ["old/2026-01-05/0d/log"])
        #expect(try ids(all.stdout, status: "pending") == ["recent/2026-01-10/0d/log"])
        #expect(all.stdout.contains("\"late_by_seconds\":10800"))
        let table = try await anniversaryd("deliveries", "--status", "missed")
        #expect(table.stdout.contains("2026-01-05 09:00  missed"))
        #expect(try await anniversaryd("deliveries", "--status", "bogus").status == 64)
    }

    @Test func retryQueuesAMissedDeliveryAgain() async throws {
        let retry = try await anniversaryd("deliveries", "retry", "old/2026-01-05/0d/log")
        #expect(retry.stdout.contains("queued old/2026-01-05/0d/log again"))
        let pending = try await anniversaryd("deliveries", "--status", "pending", "--json")
        #expect(try ids(pending.stdout, status: "pending").sorted() == ["old/2026-01-05/0d/log", "recent/2026-01-10/0d/log"])
        let again = try await anniversaryd("deliveries", "retry", "old/2026-01-05/0d/log")
        #expect(again.stdout.contains("already pending"))
        let unknown = try await anniversaryd("deliveries", "retry", "nope")
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("no delivery with id \"nope\""))
        #expect(try await anniversaryd("deliveries", "retry").status == 64)
    }
}
