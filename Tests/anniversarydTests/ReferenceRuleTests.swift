import AnniversaryTesting
import Foundation
import Testing

/// `simulate` expands recurrence rules as python-dateutil does (with RFC 5545's reading of
/// DTSTART and the other differences Tests/Reference/rules.py accounts for): thousands of seeded
/// random rules in five zones, Feb 29 and month-end starts, times in DST gaps and overlaps.
struct ReferenceRuleTests {
    let directory = TemporaryDirectory()

    @Test func simulateMatchesDateutilOnRandomRules() async throws {
        guard TestPeer.require(pythonModule: "dateutil", distribution: "python-dateutil") else { return }
        // Given 2,400 random rule events and dateutil's instants for them, 2015 through 2027
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Reference/rules.py").path
        let reference = try Python.run(
            "import sys; path = sys.argv.pop(1); sys.argv[0] = path; exec(compile(open(path).read(), path, 'exec'), {'__name__': '__main__'})",
            arguments: [script, "2026", "2400", "2014-12-31T23:59:59.999Z", "2027-12-31T23:59:59.999Z", directory.path]
        )
        #expect(reference.status == 0, "\(reference.stderr)")
        print("reference:", reference.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        let expected = reference.stdout.split(separator: "\n").map(String.init)
        directory.write("anniversaryd.yaml", "timezone: UTC\nevents: [events.yaml]\ndatabase: calendar.sqlite\n")

        // When simulate lists the same window (in a debug build, about a minute: syncing the file
        // plans 2,400 distinct rules, building each one's 400-year table of period counts)
        let simulated = try await ChildProcess.run(
            ["simulate", "--config", "anniversaryd.yaml", "--from", "2015-01-01", "--to", "2027-12-31", "--json"], in: directory.path,
            timeout: .seconds(300)
        )
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let ours = simulated.stdout.split(separator: "\n").map { line -> String in
            let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return "\(object["event_id"]!) \(object["lead"]!) \(object["due_at"]!) \(object["occurrence_number"]!)"
        }
        .sorted()

        // Then every instant and its position in the series agree, non-matching starts included
        #expect(expected.count > 50_000)
        let unmatched = Int(reference.stderr.components(separatedBy: " starts the rule")[0].split(separator: " ").last ?? "") ?? 0
        #expect(unmatched > 200, "\(reference.stderr)")
        #expect(ours.count == expected.count)
        let differences = Array(ours.difference(from: expected).prefix(10))
        #expect(differences.isEmpty, "first differences: \(differences)")
    }
}
