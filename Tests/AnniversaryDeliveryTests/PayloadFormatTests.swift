import AnniversaryCore
import AnniversaryDelivery
import Foundation
import Testing

/// Titles and messages that break naive payloads.
let hostileTexts = [
    #"Quote " and 'apostrophe'"#, "new\nline\r\ttab", #"back\slash \" \u0000"#, "<!channel> <@U123> @everyone @here",
    "**bold** _it_ `code` [link](http://x.org) <http://x.org|x>", "A & B < C > D", "emoji 🎉👨‍👩‍👧 and ÄÖÜ",
    String(repeating: "long text ", count: 1000),
]

func reminder(title: String) -> ChannelReminder {
    var context = fortiethAnniversary().context
    context["title"] = title
    let base = fortiethAnniversary()
    return ChannelReminder(
        id: base.id, eventID: base.eventID, channel: base.channel, occurrenceDate: base.occurrenceDate,
        lead: base.lead, dueAt: base.dueAt, lateBy: base.lateBy, context: context
    )
}

func json(_ payload: ChannelPayload) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: payload.body) as? [String: Any])
}

struct PayloadFormatTests {
    @Test(arguments: hostileTexts)
    func webhookBodyCarriesTheTextExactly(text: String) throws {
        let body = try json(PayloadFormat.webhook.payload(for: reminder(title: text), text: text))
        #expect(body["type"] as? String == "anniversary.reminder")
        let data = try #require(body["data"] as? [String: Any])
        #expect(data["title"] as? String == text)
        #expect(data["message"] as? String == text)
        #expect(data["years"] as? Int == 40)
        #expect(data["ordinal"] as? String == "40th")
        #expect(data["milestone"] as? Bool == true)
        #expect(data["lead"] as? String == "7d")
        #expect(data["late"] as? Bool == false)
        #expect(data["due_at"] as? String == "2027-01-20T01:00:00Z")
    }

    @Test(arguments: hostileTexts)
    func slackEscapesItsMarkupAndKeepsToItsLimits(text: String) throws {
        let body = try json(PayloadFormat.slack.payload(for: reminder(title: text), text: text))
        let fallback = try #require(body["text"] as? String)
        let section = try #require(((body["blocks"] as? [[String: Any]])?.first?["text"] as? [String: Any])?["text"] as? String)
        for rendered in [fallback, section] {
            #expect(!rendered.contains("<!channel>") && !rendered.contains("<@U123>"))
        }
        #expect(section.count <= 3000)
        #expect(fallback.count <= 40_000)
        if text.count > 3000 { #expect(section.hasSuffix("…")) }
    }

    @Test(arguments: hostileTexts)
    func discordNeverPingsAndKeepsToItsLimit(text: String) throws {
        let body = try json(PayloadFormat.discord.payload(for: reminder(title: text), text: text))
        #expect((body["allowed_mentions"] as? [String: Any])?["parse"] as? [String] == [])
        let content = try #require(body["content"] as? String)
        #expect(content.count <= 2000)
        #expect(content == (text.count <= 2000 ? text : String(text.prefix(1999)) + "…"))
    }

    @Test(arguments: hostileTexts)
    func ntfyKeepsToItsByteLimit(text: String) throws {
        let body = try json(PayloadFormat.ntfy(topic: "anniversaries").payload(for: reminder(title: text), text: text))
        #expect(body["topic"] as? String == "anniversaries")
        #expect(try #require(body["message"] as? String).utf8.count <= 4096)
        #expect(body["priority"] as? Int == 4)
        #expect(body["tags"] as? [String] == ["tada", "calendar"])
    }

    @Test(arguments: hostileTexts)
    func teamsSendsAnAdaptiveCard(text: String) throws {
        let body = try json(PayloadFormat.teams.payload(for: reminder(title: text), text: text))
        #expect(body["type"] as? String == "message")
        let attachment = try #require((body["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
        let card = try #require(attachment["content"] as? [String: Any])
        #expect(card["type"] as? String == "AdaptiveCard")
        let blocks = try #require(card["body"] as? [[String: Any]])
        #expect(blocks.last?["text"] as? String == (text.count <= 20_000 ? text : nil))
    }

    /// The documented body, byte for byte: keys sorted, nothing but what the reminder says.
    @Test func webhookBodyIsTheDocumentedJSON() {
        let body = PayloadFormat.webhook.payload(for: fortiethAnniversary(), text: "40 years")
        #expect(String(decoding: body.body, as: UTF8.self) == """
            {"data":{"days_until":7,"due_at":"2027-01-20T01:00:00Z","event_id":"us-mn","late":false,"late_by_seconds":null,\
            "lead":"7d","message":"40 years","milestone":true,"occurrence_date":"2027-01-27","occurrence_number":41,\
            "ordinal":"40th",\
            "title":"U.S.–Mongolia diplomatic relations","years":40},"timestamp":"2027-01-20T01:00:00Z","type":"anniversary.reminder"}
            """)
        #expect(body.contentType == "application/json")
    }

    @Test func sameReminderSameBytes() {
        let first = PayloadFormat.webhook.payload(for: fortiethAnniversary(), text: "x")
        #expect(first == PayloadFormat.webhook.payload(for: fortiethAnniversary(), text: "x"))
    }
}
