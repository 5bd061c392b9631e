import Yams

/// Gathers diagnostics while files are read, so that one pass reports every problem.
final class DiagnosticCollector {
    private(set) var diagnostics: [Diagnostic] = []
    private var reported: Set<Diagnostic> = []
    private(set) var kind: ConfigurationError.Kind = .invalid

    func report(_ message: String, in file: String, at mark: Mark?) {
        report(message, in: file, line: mark?.line ?? 0, column: mark?.column ?? 0)
    }

    /// Each problem once: an alias read at several places is checked at each, but its problems
    /// are at the anchor, once.
    func report(_ message: String, in file: String, line: Int, column: Int) {
        let diagnostic = Diagnostic(file: file, line: line, column: column, message: message)
        if reported.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    func reportFile(_ message: String, file: String, kind: ConfigurationError.Kind) {
        if diagnostics.isEmpty { self.kind = kind }
        diagnostics.append(Diagnostic(file: file, line: 0, column: 0, message: message))
    }

    var error: ConfigurationError? {
        diagnostics.isEmpty ? nil : ConfigurationError(kind: kind, diagnostics: diagnostics)
    }
}
