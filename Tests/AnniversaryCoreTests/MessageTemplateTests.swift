import AnniversaryCore
import Foundation
import Testing

struct MessageTemplateTests {
    func context(origin: String, year: Int, lead: String = "0d", milestones: Set<Int> = [40], title: String = "Relations") throws -> TemplateContext {
        let event = Event(
            id: "e", title: title, origin: OriginDate(origin)!, timeZone: TimeZone(identifier: "UTC")!,
            leads: [Lead(lead)!], milestones: milestones
        )
        let occurrence = try #require(event.occurrence(inYear: year))
        return TemplateContext(event: event, reminder: event.reminders(for: occurrence)[0])
    }

    @Test(arguments: [
        ("1987-01-27", 2027, "0d", "today: 40th (milestone)"),
        ("1987-01-27", 2026, "7d", "in 7 days: 39th"),
        ("1987-01-27", 2026, "1d", "tomorrow: 39th"),
        ("2026-01-27", 2026, "0d", "today: the day itself"),
        ("--01-27", 2026, "0d", "today: the day itself"),
    ])
    func rendersWhenOrdinalAndMilestone(origin: String, year: Int, lead: String, expected: String) throws {
        let template = try MessageTemplate("{{when}}: {{#ordinal}}{{ordinal}}{{/ordinal}}{{^ordinal}}the day itself{{/ordinal}}{{#milestone}} (milestone){{/milestone}}")
        #expect(template.render(try context(origin: origin, year: year, lead: lead)) == expected)
    }

    /// Values go in as plain text: each channel escapes for its own format.
    @Test func insertsValuesWithoutHTMLEscaping() throws {
        let template = try MessageTemplate("{{title}}")
        #expect(template.render(try context(origin: "1987-01-27", year: 2027, title: "A & B <\"C\">")) == "A & B <\"C\">")
    }

    @Test(arguments: [("{{#a}}x", 1), ("ok {{title", 1), ("{{#a}}{{/b}}", 1)])
    func reportsParseErrorsWithAPosition(text: String, line: Int) {
        #expect(throws: MessageTemplate.ParseError.self) { try MessageTemplate(text) }
        #expect((try? MessageTemplate(text)) == nil)
        do {
            _ = try MessageTemplate(text)
        } catch {
            #expect(error.line == line)
            #expect(error.column >= 1)
        }
    }

    @Test func defaultMessageNamesTheAnniversary() throws {
        #expect(Event.defaultMessage.render(try context(origin: "1987-01-27", year: 2027)) ==
            "Relations: 40th anniversary (milestone) today, Wed 2027-01-27")
    }
}

/// The default message is rendered in code for speed; it must read exactly as its template does.
struct DefaultMessageTests {
    @Test(arguments: [
        ["title": "U.S.–Mongolia diplomatic relations", "ordinal": "40th", "milestone": "true", "when": "in 7 days", "weekday": "Wed", "occurrence_date": "2027-01-27"],
        ["title": "Founding", "ordinal": "", "milestone": "false", "when": "today", "weekday": "Mon", "occurrence_date": "2026-03-02"],
        ["title": "Quote \" and {{braces}} & <b>", "ordinal": "3rd", "milestone": "false", "when": "tomorrow", "weekday": "Fri", "occurrence_date": "2026-05-01"],
        ["title": "Unknown year", "milestone": "false", "when": "in 3 hours", "weekday": "Sun", "occurrence_date": "2026-11-29"],
    ])
    func matchesItsTemplate(values: [String: String]) {
        let context = TemplateContext(values: values)
        #expect(context.defaultMessage == Event.defaultMessage.render(context))
    }
}
