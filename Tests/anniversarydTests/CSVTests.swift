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
    ])
    func reportsSyntaxErrorsWithTheirPlace(text: String, line: Int, column: Int, message: String) {
        #expect {
            try records(Array(text.utf8))
        } throws: { error in
            guard let error = error as? CSV.SyntaxError else { return false }
            return error.line == line && error.column == column && error.message.contains(message)
        }
    }

    @Test func aFieldThatIsNotUTF8IsReportedWithItsPlace() {
        #expect {
            try records([0x61, 0x0A, 0x62, 0x2C, 0xFF, 0xFE, 0x0A])
        } throws: { error in
            guard let error = error as? CSV.SyntaxError else { return false }
            return error.line == 2 && error.column == 3 && error.message.contains("not UTF-8")
        }
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
