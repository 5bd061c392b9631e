import AnniversaryCore
import AnniversaryInterchange
import AnniversaryTesting
import Foundation
import Testing

/// Birthdays and anniversaries from address books, each fixture also read by PyPI's `vobject`.
struct VCardImporterTests {
    /// Google Contacts (3.0): BDAY with and without a year, Google's own X-ANNIVERSARY-like
    /// events as Apple-style grouped X-ABDATE.
    static let google = ClientExports.crlf("""
        BEGIN:VCARD
        VERSION:3.0
        FN:Dorj Bat
        N:Bat;Dorj;;;
        EMAIL;TYPE=INTERNET:dorj@example.mn
        BDAY:1990-03-11
        item1.X-ABDATE:2015-06-12
        item1.X-ABLabel:Wedding
        CATEGORIES:myContacts
        END:VCARD
        BEGIN:VCARD
        VERSION:3.0
        FN:Oyuna
        N:;Oyuna;;;
        BDAY:--01-27
        END:VCARD
        """)

    /// Apple Contacts (3.0): year 1604 for "no year", built-in labels, a folded note.
    static let apple = ClientExports.crlf("""
        BEGIN:VCARD
        VERSION:3.0
        PRODID:-//Apple Inc.//macOS 15.1//EN
        N:Smith;Anna;;;
        FN:Anna Smith
        UID:8F2A6D1C-3B4E-4F50-9A1B-2C3D4E5F6A7B
        BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29
        item1.X-ABDATE;type=pref:2001-09-08
        item1.X-ABLabel:_$!<Anniversary>!$_
        item2.X-ABDATE:2019-05-01
        item2.X-ABLabel:_$!<Other>!$_
        NOTE:Met at the embassy reception\\, 2001. A long note that Apple folds at se
         venty-five octets.
        END:VCARD
        """)

    /// Nextcloud (4.0): ANNIVERSARY, a BDAY without a year in the basic format, only N.
    static let nextcloud = ClientExports.crlf("""
        BEGIN:VCARD
        VERSION:4.0
        PRODID:-//Sabre//Sabre VObject 4.5.4//EN
        UID:c2d6a7b0-1e2f-4a3b-8c9d-0e1f2a3b4c5d
        N:Batmunkh;Battsetseg;;Dr.;
        BDAY:--0127
        ANNIVERSARY:19870127
        END:VCARD
        BEGIN:VCARD
        VERSION:4.0
        UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1
        FN:Ganbold
        BDAY;VALUE=text:circa 1800
        X-ANNIVERSARY:2020-10-10
        END:VCARD
        """)

    func events(_ bytes: [UInt8]) throws -> (events: [String: EventDefinition], warnings: [String]) {
        let result = try VCardImporter().read(bytes)
        return (Dictionary(uniqueKeysWithValues: result.events.map { ($0.definition.id, $0.definition) }), result.warnings.map(\.description))
    }

    @Test func google() throws {
        let (events, warnings) = try events(Self.google)
        #expect(events["Dorj_20Bat.birthday"] == EventDefinition(id: "Dorj_20Bat.birthday", title: "Birthday: Dorj Bat", origin: OriginDate("1990-03-11")!, tags: ["birthday"]))
        #expect(events["Dorj_20Bat.wedding"] == EventDefinition(id: "Dorj_20Bat.wedding", title: "Wedding: Dorj Bat", origin: OriginDate("2015-06-12")!, tags: ["anniversary"]))
        #expect(events["Oyuna.birthday"]?.origin == OriginDate("--01-27"))
        #expect(events.count == 3 && warnings.isEmpty)
    }

    @Test func apple() throws {
        let (events, _) = try events(Self.apple)
        let base = "8F2A6D1C-3B4E-4F50-9A1B-2C3D4E5F6A7B"
        #expect(events["\(base).birthday"]?.origin == OriginDate("--02-29"), "1604 is Apple's no year")
        #expect(events["\(base).anniversary"]?.title == "Anniversary: Anna Smith")
        #expect(events["\(base).anniversary"]?.origin == OriginDate("2001-09-08"))
        #expect(events["\(base).other"]?.title == "Other: Anna Smith")
        #expect(events.count == 3)
    }

    @Test func nextcloud() throws {
        let (events, warnings) = try events(Self.nextcloud)
        let base = "c2d6a7b0-1e2f-4a3b-8c9d-0e1f2a3b4c5d"
        #expect(events["\(base).birthday"]?.title == "Birthday: Dr. Battsetseg Batmunkh", "N read as prefix, given, family")
        #expect(events["\(base).birthday"]?.origin == OriginDate("--01-27"))
        #expect(events["\(base).anniversary"]?.origin == OriginDate("1987-01-27"))
        #expect(events["urn_3Auuid_3A4fbe8971-0bc3-424c-9c26-36c3e1eff6b1.anniversary"]?.title == "Anniversary: Ganbold")
        #expect(warnings == [#"line 9: contact Ganbold: not kept: BDAY "circa 1800" (line 13), text rather than a date"#])
    }

    @Test(arguments: [
        ("BEGIN:VCARD\nVERSION:3.0\nFN:A\nBDAY:1990-13-01\nEND:VCARD\n",
         #"line 4: BDAY "1990-13-01" is not a date such as 1987-01-27, 19870127, --01-27 or --0127"#),
        ("BEGIN:VCARD\nVERSION:2.1\nFN:A\nBDAY:19900101\nEND:VCARD\n", "line 2: vCard 2.1 is not read; export the contacts as vCard 3.0 or 4.0"),
        ("BEGIN:VCARD\nVERSION:3.0\nFN:A\nBDAY:19900101\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:A\nBDAY:19910101\nEND:VCARD\n",
         #"line 6: this contact gives event id "A.birthday", as the one on line 1 does; give one of them a UID of its own"#),
        ("BEGIN:VCARD\nVERSION:3.0\nFN:A\n", "line 1: BEGIN:VCARD is never closed by END:VCARD"),
        ("BEGIN:VCALENDAR\nEND:VCALENDAR\n", "line 1: BEGIN:VCALENDAR: this is a calendar (iCalendar); import it as an .ics file"),
    ])
    func malformedCardsAreOneErrorAtItsLine(text: String, expected: String) {
        do {
            _ = try VCardImporter().read(Array(text.utf8))
            Issue.record("read without an error")
        } catch {
            #expect(error.description == expected)
        }
    }

    /// The fixtures are vCards as `vobject` reads them, with the dates the import takes.
    @Test func vobjectReadsTheFixtures() throws {
        guard TestPeer.require(pythonModule: "vobject") else { return }
        let directory = TemporaryDirectory()
        let script = """
            import sys, vobject
            for path in sys.argv[1:]:
                for card in vobject.readComponents(open(path, encoding='utf-8').read()):
                    dates = [c.value for c in card.getChildren() if c.name in ('BDAY', 'ANNIVERSARY', 'X-ANNIVERSARY', 'X-ABDATE')]
                    print(path.rsplit('/', 1)[-1], card.version.value, card.fn.value if hasattr(card, 'fn') else ' '.join(str(card.n.value).split()), ','.join(dates))
            """
        for (name, bytes) in [("google.vcf", Self.google), ("apple.vcf", Self.apple), ("nextcloud.vcf", Self.nextcloud)] {
            directory.write(name, String(decoding: bytes, as: UTF8.self))
        }
        let result = try Python.run(script, arguments: ["google.vcf", "apple.vcf", "nextcloud.vcf"].map { directory.path + "/" + $0 })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n") == [
            "google.vcf 3.0 Dorj Bat 1990-03-11,2015-06-12",
            "google.vcf 3.0 Oyuna --01-27",
            "apple.vcf 3.0 Anna Smith 1604-02-29,2001-09-08,2019-05-01",
            "nextcloud.vcf 4.0 Dr. Battsetseg Batmunkh --0127,19870127",
            "nextcloud.vcf 4.0 Ganbold circa 1800,2020-10-10",
        ])
    }
}
