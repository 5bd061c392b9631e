import Foundation
import Testing

@testable import anniversaryd

struct CSVTests {
    /// Every record of the text, blank lines skipped.
    func records(_ bytes: [UInt8]) throws -> [[CSV.Field]] {
        var reader = CSV.Reader(bytes)
        var records: [[CSV.Field]] = []
        while try reader.next() { records.append(reader.record) }
        return records
    }

    func values(_ text: String) throws -> [[String]] {
        try records(Array(text.utf8)).map { $0.map(\.value) }
    }

    @Test(arguments: [
        ("a,b\n1,2\n", [["a", "b"], ["1", "2"]]),
        ("a,b\r\n1,2", [["a", "b"], ["1", "2"]]),
        ("a,\"b, \"\"c\"\"\nd\"\n", [["a", "b, \"c\"\nd"]]),
        ("a,b\n\n1,\n", [["a", "b"], ["1", ""]]),
        ("\"\"\n", [[""]]),
        ("é,ü\n", [["é", "ü"]]),
    ])
    func parses(text: String, expected: [[String]]) throws {
        #expect(try values(text) == expected)
    }

    @Test(arguments: [
        ("a,\"b\n", 1, 3, "never closed"),
        ("a,b\"c\n", 1, 4, "a quote inside an unquoted field"),
        ("a\n\"b\"c\n", 2, 4, "text after a closing quote"),
        // Control characters, at the character itself, quoted fields spanning lines included.
        ("a,b\u{0}c\n", 1, 4, "a control character (U+0000) is not allowed"),
        ("a,\"x\ny\u{7}\"\n", 2, 2, "a control character (U+0007)"),
        ("a,é\u{85}\n", 1, 5, "a control character (U+0085)"),
        ("a\n\u{1B}[31m,b\n", 2, 1, "a control character (U+001B)"),
    ])
    func reportsSyntaxErrorsWithTheirPlace(text: String, line: Int, column: Int, message: String) {
        #expect {
            try records(Array(text.utf8))
        } throws: { error in
            guard let error = error as? CSV.SyntaxError else { return false }
            return error.line == line && error.column == column && error.message.contains(message)
        }
    }

    /// At its first bad byte, not the field's start.
    @Test func textThatIsNotUTF8IsReportedAtItsFirstBadByte() {
        #expect {
            try records([0x61, 0x0A, 0x62, 0x2C, 0x63, 0xC3, 0xA9, 0xFF, 0xFE, 0x0A])
        } throws: { error in
            guard let error = error as? CSV.SyntaxError else { return false }
            return error.line == 2 && error.column == 6 && error.message == "the text is not valid UTF-8 (byte 0xFF here)"
        }
    }

    /// A spreadsheet's "CSV UTF-8" begins with a byte-order mark: read as if it were absent.
    @Test func aByteOrderMarkIsNotPartOfTheFirstField() throws {
        let fields = try records([0xEF, 0xBB, 0xBF] + Array("id,title\nx,y\n".utf8))
        #expect(fields.map { $0.map(\.value) } == [["id", "title"], ["x", "y"]])
        #expect(fields[0][0].column == 1 && fields[0][1].column == 4)
    }

    @Test func fieldsKnowWhereTheyStart() throws {
        let fields = try records(Array("id,title\n\"x\ny\",z\nw,v\n".utf8))
        #expect(fields[1][1].line == 3 && fields[1][1].column == 4)
        #expect(fields[2][1].line == 4 && fields[2][1].column == 3)
    }

    @Test func writtenLinesParseBack() throws {
        let fields = ["plain", "with, comma", "with \"quote\"", "multi\nline", " leading space", ""]
        #expect(try values(CSV.line(fields) + "\n") == [fields])
    }
}
