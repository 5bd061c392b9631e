import AnniversaryInterchange
import Testing

/// Content lines: unfolding, line ends, a BOM, parameters, escapes, and errors at their line.
struct ContentLineReaderTests {
    func lines(_ text: String, reading names: Set<String> = ["SUMMARY", "DTSTART"]) throws(InterchangeError) -> [ContentLine] {
        try ContentLineReader.lines(Array(text.utf8), reading: names)
    }

    @Test func foldedLinesJoinAndKeepTheLineTheyStartOn() throws {
        let read = try lines("\u{FEFF}BEGIN:VEVENT\r\nSUMMARY:U.S.–Mongolia dip\r\n lomatic relations\r\n\tsince 1987\r\nEND:VEVENT\r\n")
        #expect(read.map(\.name) == ["BEGIN", "SUMMARY", "END"])
        #expect(read[1].value == "U.S.–Mongolia diplomatic relationssince 1987")
        #expect(read.map(\.line) == [1, 2, 5])
    }

    @Test func bareLineFeedsAndBlankLinesAreRead() throws {
        let read = try lines("BEGIN:VCALENDAR\n\nSUMMARY:a\n\nEND:VCALENDAR")
        #expect(read.map(\.line) == [1, 3, 5])
    }

    @Test func parametersAreSplitWithQuotesAndBareVCardTypes() throws {
        let line = try lines(#"item1.TEL;TYPE=home,voice;X-NAME="a:b;c";PREF:+976"#, reading: ["TEL"])[0]
        #expect(line.group == "item1")
        #expect(line.name == "TEL")
        #expect(line.parameters["TYPE"] == ["home", "voice", "PREF"])
        #expect(line.parameter("X-NAME") == "a:b;c")
        #expect(line.value == "+976")
    }

    @Test func textValuesAreUnescapedAndListsSplitOnUnescapedCommas() {
        #expect(TextValue.unescape(#"Line one\nline two\, with\; marks \\ done"#) == "Line one\nline two, with; marks \\ done")
        #expect(TextValue.list(#"Work,Family\, friends , ,Birthdays"#) == ["Work", "Family, friends", "Birthdays"])
        #expect(TextValue.unescape(TextValue.escape("a;b,c\\d\ne")) == "a;b,c\\d\ne")
    }

    @Test func aMalformedLineOfAPropertyReadIsAnErrorAtItsLine() throws {
        #expect(throws: InterchangeError(line: 3, "DTSTART: expected ':' before the value")) {
            try lines("BEGIN:VEVENT\nSUMMARY:a\nDTSTART;VALUE=DATE\nEND:VEVENT\n")
        }
        #expect(throws: InterchangeError(line: 2, "control character U+0007 in the line; a content line has none but tab")) {
            try lines("BEGIN:VEVENT\nSUMMARY:a\u{7}\nEND:VEVENT\n")
        }
        #expect(throws: InterchangeError(line: 1, "the file is not UTF-8 text")) { try ContentLineReader.lines([0xFF, 0x0A], reading: []) }
    }

    /// Clients write broken lines for properties nothing here reads (an ORGANIZER's unquoted CN).
    @Test func aMalformedLineOfAnotherPropertyIsLeftOut() throws {
        let read = try lines("BEGIN:VEVENT\nORGANIZER;CN=a\\, b\\:c:mailto:x\nX\nSUMMARY:kept\nEND:VEVENT\n")
        #expect(read.map(\.name) == ["BEGIN", "ORGANIZER", "SUMMARY", "END"])
    }

    @Test func componentsNestAndMismatchedEndsAreErrors() throws {
        let roots = try Component.parse(try lines("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:a\nEND:VEVENT\nEND:VCALENDAR\n"))
        #expect(roots.count == 1)
        #expect(roots[0].components.first?.property("SUMMARY")?.value == "a")
        #expect(throws: InterchangeError(line: 3, "END:VTODO closes BEGIN:VEVENT of line 2")) {
            try Component.parse(try lines("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VTODO\nEND:VCALENDAR\n"))
        }
        #expect(throws: InterchangeError(line: 1, "BEGIN:VCALENDAR is never closed by END:VCALENDAR")) {
            try Component.parse(try lines("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VEVENT\n"))
        }
    }
}
