import Testing
import AnniversaryCore

struct LeadTests {
    @Test(arguments: [("7d", 7, Lead.Unit.days), ("0d", 0, .days), ("2w", 2, .weeks), ("3h", 3, .hours), ("30m", 30, .minutes)])
    func parses(text: String, amount: Int, unit: Lead.Unit) throws {
        let lead = try #require(Lead(text))
        #expect(lead.amount == amount)
        #expect(lead.unit == unit)
        #expect(lead.description == text)
    }

    @Test(arguments: ["", "d", "7", "7x", "-1d", "1.5d", "7 d", "99999999d"])
    func rejectsMalformed(text: String) {
        #expect(Lead(text) == nil)
    }

    @Test func sortsLongestFirst() {
        let leads = ["0d", "1h", "1w", "1d"].compactMap(Lead.init).sorted()
        #expect(leads.map(\.description) == ["1w", "1d", "1h", "0d"])
    }

    @Test(arguments: [("0d", "today"), ("1d", "tomorrow"), ("7d", "in 7 days"), ("1w", "in 1 week"), ("3h", "in 3 hours")])
    func when(text: String, when: String) throws {
        #expect(try #require(Lead(text)).when == when)
    }

    @Test(arguments: [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
        (21, "21st"), (22, "22nd"), (40, "40th"), (101, "101st"), (111, "111th"), (112, "112th"), (1000, "1000th"),
    ])
    func ordinals(number: Int, text: String) {
        #expect(Ordinal.string(for: number) == text)
    }
}
