import Foundation
import Testing

/// A program or Python module a test runs beside ours. A missing one fails the test with one line
/// naming it and the command that installs it, instead of with whatever the peer's absence causes.
public enum TestPeer {
    /// The command that installs every peer, then runs the tests.
    public static let installCommand = "Scripts/test"

    /// Records one issue and returns `false` when `command` is not on `PATH`.
    public static func require(command: String, debianPackage: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let found = path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(command)") }
        if !found {
            Issue.record(
                "test peer missing: the command \(command); install it with \(installCommand) (or apt-get install \(debianPackage ?? command))",
                sourceLocation: sourceLocation
            )
        }
        return found
    }

    /// Records one issue and returns `false` when `python3` cannot import `module`.
    public static func require(pythonModule module: String, distribution: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let found = (try? Python.run("import \(module)").status) == 0
        if !found {
            Issue.record(
                "test peer missing: the Python module \(module); install it with \(installCommand) (or pip install \(distribution ?? module))",
                sourceLocation: sourceLocation
            )
        }
        return found
    }
}
