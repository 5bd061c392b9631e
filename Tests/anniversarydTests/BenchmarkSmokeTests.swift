import AnniversaryTesting
import Foundation
import Testing

/// The benchmark suite, run once on small data with the debug binary so it cannot rot. It
/// asserts that every figure is produced; timings are never asserted in tests.
struct BenchmarkSmokeTests {
    @Test func everyFigureIsProduced() async throws {
        let peers = [("remind", "remind"), ("wrk", "wrk"), ("strace", "strace"), ("sqlite3", "sqlite3")]
        guard peers.allSatisfy({ TestPeer.require(command: $0.0, debianPackage: $0.1) }) else { return }
        let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Benchmarks/suite.py")
        let directory = TemporaryDirectory()
        let result = try await ChildProcess.run(
            ["env", "python3", suite.path, "--binary", ChildProcess.binary.path, "--smoke"], in: directory.path,
            executable: URL(fileURLWithPath: "/usr/bin/env")
        )
        #expect(result.status == 0, "\(result.stderr)")
        for title in ["Import from CSV", "`upcoming` from 2026-06-01", "Remind on the same events", "Daemon start to READY=1", "`upcoming` (table, median of 1) over 1,000 events: all yearly; with 100 of them recurring by the common rules",
                      "iCalendar: 1,000 events (100 with rules)", "100 events with the same rule", "Idle for 2 s", "Firing accuracy", "Burst"] {
            #expect(result.stdout.contains("### \(title)"), "no \(title) table in:\n\(result.stdout)")
        }
        #expect(result.stdout.contains("200 (each once, every run)"))
    }
}
