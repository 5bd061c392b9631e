import AnniversaryTesting
import Foundation
import Testing

/// The harness every process-level test stands on: a child's whole output is captured by the time
/// its exit is reported, and many children can come and go at once without taking the test
/// process down.
struct ChildProcessTests {
    let directory = TemporaryDirectory()

    @Test func everyByteAChildWroteIsCapturedWhenItsExitIsReported() async throws {
        // 1 MiB of standard output, far more than a pipe holds, and 200 lines of standard error.
        let script = """
            head -c 1048576 /dev/zero | tr '\\0' x
            i=0; while [ $i -lt 200 ]; do echo "line $i" >&2; i=$((i+1)); done
            """
        let result = try await ChildProcess.run(["sh", "-c", script], in: directory.path, executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(result.status == 0)
        #expect(result.stdout.utf8.count == 1_048_576)
        #expect(result.stdout.utf8.allSatisfy { $0 == UInt8(ascii: "x") })
        #expect(result.stderr.split(separator: "\n") == (0..<200).map { "line \($0)" })
    }

    /// Linux's readability sources crashed the test process in libdispatch when many pipes were
    /// torn down at once; 200 children, 20 at a time, must all be captured whole.
    @Test func manyShortLivedChildrenAtOnceAreEachCapturedWhole() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for wave in 0..<10 {
                for child in 0..<20 {
                    let label = "\(wave)-\(child)"
                    group.addTask {
                        let result = try await ChildProcess.run(
                            ["sh", "-c", "echo out \(label); echo err \(label) >&2"], in: directory.path,
                            executable: URL(fileURLWithPath: "/bin/sh")
                        )
                        #expect(result.status == 0)
                        #expect(result.stdout == "out \(label)\n")
                        #expect(result.stderr == "err \(label)")
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}
