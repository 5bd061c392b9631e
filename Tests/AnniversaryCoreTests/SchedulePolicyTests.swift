import Foundation
import Testing
import AnniversaryCore

struct SchedulePolicyTests {
    let policy = SchedulePolicy(
        time: TimeOfDay("09:00")!, timeZone: TimeZone(identifier: "UTC")!, leads: [Lead("1d")!, .onTheDay],
        channels: ["log"], rules: [
            .init(tags: ["diplomatic"], settings: .init(leads: [Lead("30d")!, .onTheDay], channels: ["team", "log"], milestones: [40])),
            .init(tags: ["late"], settings: .init(time: TimeOfDay("18:00")!)),
        ]
    )

    @Test func defaultsApplyWithoutRules() throws {
        let event = try policy.resolve(EventDefinition(id: "a", title: "A", origin: OriginDate("--01-27")!))
        #expect(event.leads.map(\.description) == ["1d", "0d"])
        #expect(event.time == TimeOfDay("09:00"))
        #expect(event.milestones == SchedulePolicy.defaultMilestones)
    }

    @Test func matchingRulesRefineInOrderAndEventWins() throws {
        let definition = EventDefinition(
            id: "a", title: "A", origin: OriginDate("1987-01-27")!, tags: ["diplomatic", "late"],
            timeZoneIdentifier: "Asia/Ulaanbaatar", channels: ["log"]
        )
        let event = try policy.resolve(definition)
        #expect(event.leads.map(\.description) == ["30d", "0d"])
        #expect(event.time == TimeOfDay("18:00"))
        #expect(event.channels == ["log"])
        #expect(event.milestones == [40])
        #expect(event.timeZone.identifier == "Asia/Ulaanbaatar")
    }

    @Test func unknownTimeZoneThrows() {
        let definition = EventDefinition(id: "a", title: "A", origin: OriginDate("--01-27")!, timeZoneIdentifier: "Mars/Olympus")
        #expect(throws: UnknownTimeZone(identifier: "Mars/Olympus")) { try policy.resolve(definition) }
    }

    @Test func fingerprintChangesWithRules() {
        var other = policy
        other.rules[1].settings.time = TimeOfDay("19:00")
        #expect(other.fingerprint != policy.fingerprint)
        #expect(SchedulePolicy(timeZone: policy.timeZone).fingerprint == SchedulePolicy(timeZone: policy.timeZone).fingerprint)
    }
}

struct EventDefinitionTests {
    @Test(arguments: [("us-mn-diplomatic-relations", true), ("a.b_c-1", true), ("9", true), ("", false), ("-a", false),
                      ("a b", false), ("a/b", false), ("é", false), (String(repeating: "a", count: 201), false)])
    func validIDs(id: String, isValid: Bool) {
        #expect(EventDefinition.isValidID(id) == isValid)
    }
}
