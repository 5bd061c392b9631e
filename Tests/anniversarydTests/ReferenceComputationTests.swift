import AnniversaryTesting
import Foundation
import Testing

/// `simulate` agrees with an independent computation (Python's zoneinfo) over a century, for the
/// seed events and DST and leap-day edge cases.
struct ReferenceComputationTests {
    let directory = TemporaryDirectory()

    static let events: [ReferenceEvent] = [
        .init(id: "us-mn", date: "1987-01-27", at: "09:00", timezone: "Asia/Ulaanbaatar", remind: ["30d", "7d", "0d"]),
        .init(id: "rubio", date: "2025-05-30", at: "09:00", timezone: "America/New_York", remind: ["1w", "1d", "0d"]),
        // 02:30 on New York's spring-forward Sunday in some years; 01:30 in the fall-back overlap in others.
        .init(id: "ny-gap", date: "--03-08", at: "02:30", timezone: "America/New_York", remind: ["1d", "3h", "0d"]),
        .init(id: "ny-overlap", date: "--11-01", at: "01:30", timezone: "America/New_York", remind: ["90m", "0d"]),
        .init(id: "london", date: "--10-25", at: "01:30", timezone: "Europe/London", remind: ["1w", "0d"]),
        .init(id: "lord-howe", date: "--10-04", at: "02:15", timezone: "Australia/Lord_Howe", remind: ["2h", "0d"]),
        .init(id: "kolkata", date: "1950-01-26", at: "00:10", timezone: "Asia/Kolkata", remind: ["30m", "0d"]),
        .init(id: "leap-feb28", date: "2000-02-29", at: "23:30", timezone: "Asia/Ulaanbaatar", remind: ["1d", "0d"], leap_day: "feb28"),
        .init(id: "leap-mar1", date: "--02-29", at: "08:00", timezone: "Europe/London", remind: ["1d", "0d"], leap_day: "mar1"),
        .init(id: "ub-dst", date: "2015-03-28", at: "02:30", timezone: "Asia/Ulaanbaatar", remind: ["0d"]),
    ]

    @Test func simulateMatchesZoneinfoFrom2000To2100() async throws {
        // Given the events as an event file
        var yaml = "events:\n"
        for event in Self.events {
            yaml += "  - id: \(event.id)\n    title: \(event.id)\n    date: \"\(event.date)\"\n    at: \"\(event.at)\"\n"
            yaml += "    timezone: \(event.timezone)\n    remind: [\(event.remind.joined(separator: ", "))]\n"
            if let leapDay = event.leap_day { yaml += "    leap_day: \(leapDay)\n" }
        }
        directory.write("events.yaml", yaml)
        directory.write("anniversaryd.yaml", "timezone: UTC\nevents: [events.yaml]\ndatabase: calendar.sqlite\n")

        // When simulate runs over the century
        let simulated = try await ChildProcess.run(["simulate", "--config", "anniversaryd.yaml", "--from", "2000-01-01", "--to", "2100-12-31", "--json"], in: directory.path)
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let ours = simulated.stdout.split(separator: "\n").map { line -> String in
            let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return "\(object["event_id"]!) \(object["lead"]!) \(object["due_at"]!)"
        }
        .sorted()

        // Then the reference computes the same instants
        let spec = ReferenceSpec(start: "1999-12-31T23:59:59.999Z", end: "2100-12-31T23:59:59.999Z", events: Self.events)
        directory.write("spec.json", String(decoding: try JSONEncoder().encode(spec), as: UTF8.self))
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Reference/reminders.py").path
        let reference = try Self.python(script, input: directory.file("spec.json"))
        let expected = reference.split(separator: "\n").map(String.init)
        #expect(ours.count > 2000)
        #expect(ours.count == expected.count)
        let differences = Array(ours.difference(from: expected).prefix(10))
        #expect(differences.isEmpty, "first differences: \(differences)")
    }

    static func python(_ script: String, input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input))
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// An event as the reference script reads it.
struct ReferenceEvent: Codable, Sendable {
    let id: String
    let date: String
    let at: String
    let timezone: String
    let remind: [String]
    var leap_day: String? = nil
}

struct ReferenceSpec: Codable {
    let start: String
    let end: String
    let events: [ReferenceEvent]
}
