/// One problem in a configuration or event file, at its place.
///
/// Prints as `file:line:column: message`, the form editors and compilers use, so a terminal or an
/// editor can jump to it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    /// Starts at 1; 0 when the problem concerns the whole file.
    public let line: Int
    /// Starts at 1, counted in Unicode scalars; 0 when the problem concerns the whole file.
    public let column: Int
    public let message: String

    /// A place in a file.
    public struct Place: Hashable, Sendable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let column: Int

        public init(file: String, line: Int, column: Int) {
            self.file = file
            self.line = line
            self.column = column
        }

        public var description: String { "\(file):\(line):\(column)" }
    }

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public init(at place: Place, message: String) {
        self.init(file: place.file, line: place.line, column: place.column, message: message)
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}

/// Every problem found while loading the configuration; loading goes on past the first so that
/// `anniversaryd check` can list them all.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// A file the configuration needs does not exist.
        case missingFile
        /// A file exists but cannot be read.
        case unreadableFile
        /// The files are readable but say something invalid.
        case invalid
    }

    public let kind: Kind
    public let diagnostics: [Diagnostic]

    public init(kind: Kind = .invalid, diagnostics: [Diagnostic]) {
        self.kind = kind
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
