import AnniversaryCore
@testable import AnniversaryStore
import AnniversaryTesting
import Foundation
import Testing

struct EventPreparerTests {
    /// A policy whose zone is far east of UTC, with a rule moving tagged events far west.
    let policy = SchedulePolicy(
        time: TimeOfDay("09:00")!, timeZone: TimeZone(identifier: "Pacific/Kiritimati")!, leads: [Lead("7d")!, .onTheDay],
        rules: [.init(tags: ["west"], settings: .init(time: TimeOfDay("23:30")!, timeZone: TimeZone(identifier: "Pacific/Pago_Pago")!))]
    )

    /// Events alike in all but id, title and origin year, and events that differ: every field that
    /// can move a next reminder, origins around the reference's year, `once` events.
    func definitions() -> [EventDefinition] {
        var random = SystemRandomNumberGenerator.Seeded(seed: 7)
        let days = [(1, 1), (2, 28), (2, 29), (3, 1), (6, 15), (12, 24), (12, 31)]
        return (0..<3000).map { index in
            let (month, day) = days[Int(random.next() % UInt64(days.count))]
            var year: Int? = random.next() % 8 == 0 ? nil : 2031 - Int(random.next() % 140)
            if let leapYear = year.map({ $0 - $0 % 4 }), month == 2, day == 29 { year = leapYear == 1900 ? 1904 : leapYear }
            let origin = OriginDate(year: year, month: month, day: day)!
            let varied = random.next() % 4 == 0
            return EventDefinition(
                id: "e\(index)", title: "Event \(index)", origin: origin,
                recurrence: origin.year != nil && random.next() % 10 == 0 ? .once : .yearly,
                tags: random.next() % 3 == 0 ? ["west"] : [],
                until: varied && random.next() % 2 == 0 ? LocalDate("2027-06-30") : nil,
                time: varied && random.next() % 2 == 0 ? TimeOfDay("02:30") : nil,
                timeZoneIdentifier: varied && random.next() % 2 == 0 ? "America/New_York" : nil,
                leads: varied && random.next() % 2 == 0 ? [Lead("400d")!] : nil,
                leapDay: varied && random.next() % 2 == 0 ? .mar1 : nil
            )
        }
    }

    /// Each schedule is what the event would get on its own, at references where the local year
    /// differs across the zones involved.
    @Test(arguments: ["2026-12-31T10:30:00Z", "2027-01-01T05:00:00Z", "2026-06-15T12:00:00Z", "2028-02-28T23:00:00Z"])
    func sharesWorkOnlyBetweenEventsWithTheSameSchedule(reference: String) throws {
        let reference = try Date(reference, strategy: .iso8601)
        var preparer = EventPreparer(policy: policy, after: reference)
        for definition in definitions() {
            #expect(preparer.schedule(for: definition) == EventSchedule(definition, policy: policy, after: reference), "\(definition)")
        }
    }
}
