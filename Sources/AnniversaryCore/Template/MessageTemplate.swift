import Mustache

/// A Mustache template for reminder text, such as `{{years}} years of {{title}}`.
///
/// Values are inserted as plain text, not HTML-escaped: each channel escapes the rendered text for
/// its own format.
public struct MessageTemplate: Sendable, Hashable, CustomStringConvertible {
    /// Where in its text a template failed to parse; line and column start at 1.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public let line: Int
        public let column: Int
        public let reason: String

        public var description: String { "invalid template: \(reason)" }
    }

    /// The source text.
    public let description: String
    private let template: MustacheTemplate

    /// Compiles a template.
    ///
    /// - Throws: ``ParseError`` with the position of the problem inside `text`.
    public init(_ text: String) throws(ParseError) {
        do {
            template = try MustacheTemplate(string: MessageTemplate.textPragma + text)
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.lineNumber
            let column = line == 1 ? max(1, error.context.columnNumber - MessageTemplate.textPragma.count) : error.context.columnNumber
            throw ParseError(line: line, column: column, reason: MessageTemplate.reason(for: error.error))
        } catch {
            throw ParseError(line: 1, column: 1, reason: "\(error)")
        }
        description = text
    }

    /// Renders the template with a reminder's values.
    public func render(_ context: TemplateContext) -> String {
        template.render(context.mustacheObject)
    }

    public static func == (lhs: MessageTemplate, rhs: MessageTemplate) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    /// Values are plain text; channels do their own escaping.
    private static let textPragma = "{{% CONTENT_TYPE: TEXT}}"

    private static func reason(for error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "a section is closed with a different name than it was opened with"
        case .unfinishedName: "a tag is not closed with }}"
        case .expectedSectionEnd: "a section is opened but never closed"
        case .invalidSetDelimiter: "a set-delimiter tag is malformed"
        // The parser's other failures come from running off the end of the text.
        default: "a tag is not closed with }} before the end of the template"
        }
    }
}
