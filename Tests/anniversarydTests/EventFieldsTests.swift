import AnniversaryCore
import AnniversaryTesting
import Foundation
import Testing

@testable import anniversaryd

struct EventFieldsTests {
    func tags(_ text: String) throws -> [String] {
        var fields = EventFields()
        fields[.id] = "a"
        fields[.title] = "A"
        fields[.date] = "2000-01-01"
        fields[.tags] = text
        return try fields.definition(channels: []).tags
    }

    @Test(arguments: [
        ("solo", ["solo"]), ("x;y", ["x", "y"]), (" padded ", ["padded"]), (" a ; b ;", ["a", "b"]), ("a;;b", ["a", "b"]),
        ("   ", []), ("", []), ("\u{00A0}é\u{00A0}", ["é"]),
    ])
    func listsAreSplitAndTrimmed(text: String, expected: [String]) throws {
        #expect(try tags(text) == expected)
    }

    @Test func aFieldOfSpacesIsMissing() {
        var fields = EventFields()
        fields[.id] = "a"
        fields[.title] = " \t "
        fields[.date] = "2000-01-01"
        #expect(throws: EventFields.Problem.self) { try fields.definition(channels: []) }
        fields.removeAll()
        #expect(fields[.id] == nil && fields[.date] == nil)
    }

    @Test func filesAreReadWhole() throws {
        let directory = TemporaryDirectory()
        let text = String(repeating: "id,title,date\n", count: 20_000)
        directory.write("in.csv", text)
        #expect(FileBytes.read(atPath: directory.file("in.csv")) == Array(text.utf8))
        directory.write("empty.csv", "")
        #expect(FileBytes.read(atPath: directory.file("empty.csv")) == [])
        #expect(FileBytes.read(atPath: directory.file("missing.csv")) == nil)
        #expect(FileBytes.read(atPath: directory.path) == nil)  // a folder
    }
}
