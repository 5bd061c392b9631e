import Foundation
import Testing
import AnniversaryCore

/// An example of RFC 5545 3.8.5.3: its rule from DTSTART at 09:00 in America/New_York, and the
/// dates the RFC lists for it (for an endless rule, the first ones it shows).
struct RFCExample: Sendable, CustomTestStringConvertible {
    let name: String
    let start: String
    let rule: String
    let exdates: [String]
    /// `YYYYMMDD` dates; `A...B` for every day from A through B.
    let dates: String

    init(_ name: String, _ start: String, _ rule: String, exdates: [String] = [], _ dates: String) {
        (self.name, self.start, self.rule, self.exdates, self.dates) = (name, start, rule, exdates, dates)
    }

    var testDescription: String { name }

    var expected: [LocalDate] {
        dates.split(whereSeparator: \.isWhitespace).flatMap { token -> [LocalDate] in
            let ends = token.components(separatedBy: "...").map(compactDate)
            return (0...ends[0].days(to: ends[ends.count - 1])).map { ends[0].adding(days: $0) }
        }
    }

    /// Whether the rule ends (COUNT or UNTIL), so nothing may follow the listed dates.
    var isBounded: Bool { rule.contains("COUNT=") || rule.contains("UNTIL=") }
}

/// `19970902` as a date.
func compactDate(_ text: String) -> LocalDate {
    LocalDate(year: Int(text.prefix(4))!, month: Int(text.dropFirst(4).prefix(2))!, day: Int(text.suffix(2))!)!
}

struct RFC5545ExampleTests {
    static let newYork = TimeZone(identifier: "America/New_York")!

    static let examples: [RFCExample] = [
        RFCExample("Daily for 10 occurrences", "19970902", "FREQ=DAILY;COUNT=10",
                   "19970902...19970911"),
        RFCExample("Daily until December 24, 1997", "19970902", "FREQ=DAILY;UNTIL=19971224T000000Z",
                   "19970902...19971223"),
        RFCExample("Every other day, forever", "19970902", "FREQ=DAILY;INTERVAL=2",
                   "19970902 19970904 19970906 19970908 19970910 19970912 19970914 19970916"),
        RFCExample("Every 10 days, 5 occurrences", "19970902", "FREQ=DAILY;INTERVAL=10;COUNT=5",
                   "19970902 19970912 19970922 19971002 19971012"),
        RFCExample("Every day in January, for 3 years (yearly)", "19980101", "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
                   "19980101...19980131 19990101...19990131 20000101...20000131"),
        RFCExample("Every day in January, for 3 years (daily)", "19980101", "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1",
                   "19980101...19980131 19990101...19990131 20000101...20000131"),
        RFCExample("Weekly for 10 occurrences", "19970902", "FREQ=WEEKLY;COUNT=10",
                   """
                19970902 19970909 19970916 19970923 19970930 19971007 19971014 19971021
                19971028 19971104
                """),
        RFCExample("Weekly until December 24, 1997", "19970902", "FREQ=WEEKLY;UNTIL=19971224T000000Z",
                   """
                19970902 19970909 19970916 19970923 19970930 19971007 19971014 19971021
                19971028 19971104 19971111 19971118 19971125 19971202 19971209 19971216
                19971223
                """),
        RFCExample("Every other week, forever", "19970902", "FREQ=WEEKLY;INTERVAL=2;WKST=SU",
                   """
                19970902 19970916 19970930 19971014 19971028 19971111 19971125 19971209
                19971223 19980106
                """),
        RFCExample("Weekly on Tuesday and Thursday for five weeks (UNTIL)", "19970902", "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH",
                   """
                19970902 19970904 19970909 19970911 19970916 19970918 19970923 19970925
                19970930 19971002
                """),
        RFCExample("Weekly on Tuesday and Thursday for five weeks (COUNT)", "19970902", "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
                   """
                19970902 19970904 19970909 19970911 19970916 19970918 19970923 19970925
                19970930 19971002
                """),
        RFCExample("Every other week on Monday, Wednesday and Friday until December 24, 1997", "19970901", "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
                   """
                19970901 19970903 19970905 19970915 19970917 19970919 19970929 19971001
                19971003 19971013 19971015 19971017 19971027 19971029 19971031 19971110
                19971112 19971114 19971124 19971126 19971128 19971208 19971210 19971212
                19971222
                """),
        RFCExample("Every other week on Tuesday and Thursday, for 8 occurrences", "19970902", "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH",
                   "19970902 19970904 19970916 19970918 19970930 19971002 19971014 19971016"),
        RFCExample("Monthly on the first Friday for 10 occurrences", "19970905", "FREQ=MONTHLY;COUNT=10;BYDAY=1FR",
                   """
                19970905 19971003 19971107 19971205 19980102 19980206 19980306 19980403
                19980501 19980605
                """),
        RFCExample("Monthly on the first Friday until December 24, 1997", "19970905", "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR",
                   "19970905 19971003 19971107 19971205"),
        RFCExample("Every other month on the first and last Sunday, for 10 occurrences", "19970907", "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU",
                   """
                19970907 19970928 19971102 19971130 19980104 19980125 19980301 19980329
                19980503 19980531
                """),
        RFCExample("Monthly on the second-to-last Monday for 6 months", "19970922", "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO",
                   "19970922 19971020 19971117 19971222 19980119 19980216"),
        RFCExample("Monthly on the third-to-the-last day, forever", "19970928", "FREQ=MONTHLY;BYMONTHDAY=-3",
                   "19970928 19971029 19971128 19971229 19980129 19980226"),
        RFCExample("Monthly on the 2nd and 15th for 10 occurrences", "19970902", "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15",
                   """
                19970902 19970915 19971002 19971015 19971102 19971115 19971202 19971215
                19980102 19980115
                """),
        RFCExample("Monthly on the first and last day for 10 occurrences", "19970930", "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1",
                   """
                19970930 19971001 19971031 19971101 19971130 19971201 19971231 19980101
                19980131 19980201
                """),
        RFCExample("Every 18 months on the 10th through 15th for 10 occurrences", "19970910", "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15",
                   "19970910...19970915 19990310...19990313"),
        RFCExample("Every Tuesday, every other month", "19970902", "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU",
                   """
                19970902 19970909 19970916 19970923 19970930 19971104 19971111 19971118
                19971125 19980106 19980113 19980120 19980127 19980303 19980310 19980317
                19980324 19980331
                """),
        RFCExample("Yearly in June and July for 10 occurrences", "19970610", "FREQ=YEARLY;COUNT=10;BYMONTH=6,7",
                   """
                19970610 19970710 19980610 19980710 19990610 19990710 20000610 20000710
                20010610 20010710
                """),
        RFCExample("Every other year on January, February, and March for 10 occurrences", "19970310", "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3",
                   """
                19970310 19990110 19990210 19990310 20010110 20010210 20010310 20030110
                20030210 20030310
                """),
        RFCExample("Every third year on the 1st, 100th, and 200th day for 10 occurrences", "19970101", "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200",
                   """
                19970101 19970410 19970719 20000101 20000409 20000718 20030101 20030410
                20030719 20060101
                """),
        RFCExample("Every 20th Monday of the year, forever", "19970519", "FREQ=YEARLY;BYDAY=20MO",
                   "19970519 19980518 19990517"),
        RFCExample("Monday of week number 20, forever", "19970512", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
                   "19970512 19980511 19990517"),
        RFCExample("Every Thursday in March, forever", "19970313", "FREQ=YEARLY;BYMONTH=3;BYDAY=TH",
                   """
                19970313 19970320 19970327 19980305 19980312 19980319 19980326 19990304
                19990311 19990318 19990325
                """),
        RFCExample("Every Thursday, but only during June, July, and August, forever", "19970605", "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8",
                   """
                19970605 19970612 19970619 19970626 19970703 19970710 19970717 19970724
                19970731 19970807 19970814 19970821 19970828 19980604 19980611 19980618
                19980625 19980702 19980709 19980716 19980723 19980730 19980806 19980813
                19980820 19980827 19990603 19990610 19990617 19990624 19990701 19990708
                19990715 19990722 19990729 19990805 19990812 19990819 19990826
                """),
        RFCExample("Every Friday the 13th, forever", "19970902", "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", exdates: ["19970902"],
                   "19980213 19980313 19981113 19990813 20001013"),
        RFCExample("The first Saturday that follows the first Sunday of the month, forever", "19970913", "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13",
                   """
                19970913 19971011 19971108 19971213 19980110 19980207 19980307 19980411
                19980509 19980613
                """),
        RFCExample("Every 4 years, the first Tuesday after a Monday in November, forever", "19961105", "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
                   "19961105 20001107 20041102"),
        RFCExample("The third instance into the month of one of Tuesday, Wednesday, or Thursday, for the next 3 months", "19970904", "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",
                   "19970904 19971007 19971106"),
        RFCExample("The second-to-last weekday of the month", "19970929", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
                   "19970929 19971030 19971127 19971230 19980129 19980226 19980330"),
        RFCExample("WKST=MO", "19970805", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
                   "19970805 19970810 19970819 19970824"),
        RFCExample("WKST=SU", "19970805", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
                   "19970805 19970817 19970819 19970831"),
        RFCExample("An invalid date (February 30) is ignored", "20070115", "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5",
                   "20070115 20070130 20070215 20070315 20070330"),
    ]

    @Test(arguments: examples)
    func expandsAsTheRFCLists(_ example: RFCExample) throws {
        let start = compactDate(example.start)
        let series = RecurrenceSeries(
            rule: try RecurrenceRule(parsing: example.rule), start: start, time: TimeOfDay("09:00")!,
            timeZone: Self.newYork, exdates: example.exdates.map(compactDate)
        )
        let expected = example.expected
        let listed = series.entries(from: start, through: expected.last!)
        #expect(listed.map(\.date) == expected)
        #expect(listed.map(\.number) == Array(1...expected.count))
        if example.isBounded {
            #expect(series.first(onOrAfter: expected.last!.adding(days: 1)) == nil)
        }
        // Listing from any date inside gives the same dates and numbers from there.
        let middle = expected[expected.count / 2]
        #expect(Array(series.entries(from: middle, through: expected.last!)) == Array(listed[(expected.count / 2)...]))
    }

    /// The RFC's daily example crosses the end of daylight saving time: 09:00 EDT, then 09:00 EST.
    @Test func dailyUntilKeepsItsLocalTimeAcrossTheChange() throws {
        let event = Event(
            id: "daily", title: "Daily", origin: OriginDate("1997-09-02")!,
            recurrence: .rule(try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=19971224T000000Z")),
            time: TimeOfDay("09:00")!, timeZone: Self.newYork
        )
        let instants = event.reminders(after: utc("1997-10-24T00:00:00Z"), through: utc("1998-01-01T00:00:00Z")).map(\.instant)
        #expect(instants.prefix(3) == [utc("1997-10-24T13:00:00Z"), utc("1997-10-25T13:00:00Z"), utc("1997-10-26T14:00:00Z")])
        #expect(instants.last == utc("1997-12-23T14:00:00Z"))
        #expect(instants.count == 61)
    }

    /// The RFC's sub-daily examples: refused, each with the reason.
    @Test(arguments: [
        "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z",
        "FREQ=MINUTELY;INTERVAL=15;COUNT=6",
        "FREQ=MINUTELY;INTERVAL=90;COUNT=4",
        "FREQ=SECONDLY;COUNT=5",
    ])
    func subDailyFrequenciesAreRefused(_ text: String) {
        #expect {
            try RecurrenceRule(parsing: text)
        } throws: { error in
            let error = error as! RecurrenceRuleError
            return error.offset == 5 && error.message.contains("repeats within a day") && error.message.contains("`at`")
        }
    }

    @Test(arguments: [
        ("FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", 11, "BYHOUR"),
        ("FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10", 26, "BYHOUR"),
        ("FREQ=DAILY;BYMINUTE=0", 11, "BYMINUTE"),
        ("FREQ=YEARLY;BYSECOND=0", 12, "BYSECOND"),
    ])
    func timeOfDayPartsAreRefused(_ text: String, offset: Int, named: String) {
        #expect {
            try RecurrenceRule(parsing: text)
        } throws: { error in
            let error = error as! RecurrenceRuleError
            return error.offset == offset && error.message.contains(named)
        }
    }
}
