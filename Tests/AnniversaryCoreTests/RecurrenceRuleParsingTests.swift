import Foundation
import Testing
import AnniversaryCore

struct RecurrenceRuleParsingTests {
    @Test func readsEveryPart() throws {
        let rule = try RecurrenceRule(parsing: "rrule:freq=yearly;interval=2;count=5;wkst=su;bymonth=11;byyearday=1,-1;bymonthday=-3;byday=4th,-1FR,+2mo;bysetpos=-1")
        #expect(rule == RecurrenceRule(
            frequency: .yearly, interval: 2, end: .count(5), weekStart: .sunday, months: [11],
            yearDays: [1, -1], monthDays: [-3],
            weekdays: [.init(4, .thursday), .init(-1, .friday), .init(2, .monday)], setPositions: [-1]
        ))
    }

    @Test func readsWeekNumbers() throws {
        #expect(try RecurrenceRule(parsing: "FREQ=YEARLY;BYWEEKNO=-1,20;BYDAY=MO").weekNumbers == [-1, 20])
    }

    /// What is stored is RFC 5545 text that reads back as the same rule.
    @Test(arguments: [
        "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
        "FREQ=YEARLY;BYMONTH=3,6,9,12;BYDAY=-1FR",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "FREQ=MONTHLY;UNTIL=20271231T090000Z;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=DAILY;UNTIL=20271231",
        "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1;WKST=SU",
        "FREQ=YEARLY;UNTIL=20271231T090000;BYWEEKNO=20;BYDAY=MO",
    ])
    func writesWhatItReads(_ text: String) throws {
        let rule = try RecurrenceRule(parsing: text)
        #expect(rule.description == text)
        #expect(try RecurrenceRule(parsing: rule.description) == rule)
    }

    @Test func aTrailingSemicolonIsAccepted() throws {
        #expect(try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=TU;") == RecurrenceRule(frequency: .weekly, weekdays: [.init(nil, .tuesday)]))
    }

    /// Each malformed rule is refused at the part at fault (a UTF-8 offset), in a sentence naming it.
    @Test(arguments: [
        ("", 0, "empty"),
        ("RRULE:", 6, "empty"),
        ("BYDAY=MO", 0, "no FREQ"),
        ("FREQ=FORTNIGHTLY", 5, "FREQ=FORTNIGHTLY is not a frequency"),
        ("FREQ=DAILY;;COUNT=2", 11, "empty rule part"),
        ("FREQ=DAILY;COUNT", 11, "\"COUNT\" is not a rule part"),
        ("FREQ=DAILY;COUNT=", 11, "COUNT has no value"),
        ("FREQ=DAILY;COUNT=0", 17, "COUNT=0: expected a positive whole number"),
        ("FREQ=DAILY;INTERVAL=-2", 20, "INTERVAL=-2"),
        ("FREQ=DAILY;COUNT=2;COUNT=3", 19, "COUNT is given twice"),
        ("FREQ=DAILY;BYMOUTH=1", 11, "BYMOUTH is not a rule part"),
        ("FREQ=DAILY;COUNT=2;UNTIL=20271231", 19, "UNTIL and COUNT cannot both be given"),
        ("FREQ=DAILY;UNTIL=2027-12-31", 17, "UNTIL=2027-12-31: expected a date"),
        ("FREQ=DAILY;UNTIL=20270230", 17, "2027-2-30 is not a date"),
        ("FREQ=DAILY;UNTIL=20271231T250000Z", 17, "expected a date"),
        ("FREQ=WEEKLY;WKST=XX", 17, "\"XX\" is not a weekday"),
        ("FREQ=YEARLY;BYMONTH=1,13", 22, "\"13\" is not 1 to 12"),
        ("FREQ=YEARLY;BYMONTH=-1", 20, "\"-1\" is not 1 to 12"),
        ("FREQ=MONTHLY;BYWEEKNO=20", 13, "BYWEEKNO can only be used with FREQ=YEARLY"),
        ("FREQ=YEARLY;BYWEEKNO=54", 21, "\"54\" is not 1 to 53 or -53 to -1"),
        ("FREQ=MONTHLY;BYYEARDAY=100", 13, "BYYEARDAY can only be used with FREQ=YEARLY"),
        ("FREQ=YEARLY;BYYEARDAY=0", 22, "\"0\" is not 1 to 366"),
        ("FREQ=WEEKLY;BYMONTHDAY=1", 12, "BYMONTHDAY cannot be used with FREQ=WEEKLY"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,,2", 26, "\"\" is not 1 to 31"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", 24, "\"32\" is not 1 to 31"),
        ("FREQ=MONTHLY;BYDAY=MO,5XX", 22, "\"XX\" is not a weekday"),
        ("FREQ=MONTHLY;BYDAY=M", 19, "\"M\" is not a weekday"),
        ("FREQ=MONTHLY;BYDAY=0MO", 19, "\"0\" is not an ordinal"),
        ("FREQ=YEARLY;BYDAY=54MO", 18, "\"54\" is not an ordinal"),
        ("FREQ=WEEKLY;BYDAY=2TU", 12, "a numbered weekday needs FREQ=MONTHLY or YEARLY"),
        ("FREQ=DAILY;BYDAY=-1FR", 11, "a numbered weekday needs FREQ=MONTHLY or YEARLY"),
        ("FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO", 23, "cannot be used with BYWEEKNO"),
        ("FREQ=MONTHLY;BYSETPOS=1", 13, "BYSETPOS picks among the dates other BYxxx parts give"),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", 31, "\"0\" is not 1 to 366"),
        ("FREQ=DAILY;BYHOUR=9", 11, "BYHOUR is not supported"),
        ("FREQ=HOURLY", 5, "FREQ=HOURLY repeats within a day"),
        ("FREQ=MONTHLY;BYDAY=MO,TÜ", 22, "\"TÜ\" is not a weekday"),
    ])
    func refusesAtThePartAtFault(_ text: String, offset: Int, says fragment: String) {
        #expect {
            try RecurrenceRule(parsing: text)
        } throws: { error in
            guard let error = error as? RecurrenceRuleError else { return false }
            return error.offset == offset && error.message.contains(fragment)
        }
    }
}
