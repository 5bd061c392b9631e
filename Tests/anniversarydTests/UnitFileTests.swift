import AnniversaryTesting
import Foundation
import Testing

/// systemd/anniversaryd.service, checked by systemd's own tools.
struct UnitFileTests {
    let directory = TemporaryDirectory()

    static var unitFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("systemd/anniversaryd.service")
    }

    /// The unit with its ExecStart pointing at the built binary (`verify` wants it to exist),
    /// plus `extra` lines at the end of [Service].
    func installUnit(extra: String = "") throws -> String {
        var text = try String(contentsOf: Self.unitFile, encoding: .utf8)
            .replacing("/usr/local/bin/anniversaryd", with: ChildProcess.binary.path)
        text = text.replacing("\n[Install]", with: extra + "\n[Install]")
        let path = directory.file("anniversaryd.service")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `systemd-analyze` with its output; `verify` exits 0 even for unknown keys and bad values,
    /// so what it prints is what counts.
    func analyze(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let result = try await ChildProcess.run(arguments, in: directory.path, executable: URL(fileURLWithPath: "/usr/bin/systemd-analyze"))
        return (result.status, result.stdout + result.stderr)
    }

    @Test func verifyFindsNothingToSay() async throws {
        let result = try await analyze(["systemd-analyze", "verify", "--man=no", try installUnit()])
        #expect(result.status == 0)
        #expect(result.output.isEmpty, "\(result.output)")
    }

    /// The check above would catch a mistake: verify prints (and still exits 0) for a bad key.
    @Test func verifyReportsAnUnknownKey() async throws {
        let result = try await analyze(["systemd-analyze", "verify", "--man=no", try installUnit(extra: "ProtectSystm=strict\n")])
        #expect(result.output.contains("ProtectSystm"))
    }

    @Test func securityExposureIsAtMostTwo() async throws {
        let result = try await analyze(["systemd-analyze", "security", "--offline=true", "--no-pager", try installUnit()])
        let line = try #require(result.output.split(separator: "\n").first { $0.contains("Overall exposure level") })
        let exposure = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) })
        #expect(exposure <= 2.0, "\(line)")
    }
}
