import AnniversaryConfig
import AnniversaryCore
import AnniversaryTesting
import Foundation
import Testing

struct ConfigurationTests {
    let directory = TemporaryDirectory()

    /// Writes a config file whose `events` names `events.yaml`, and that event file.
    func load(config: String = "events: [events.yaml]\n", events: String = "events: []\n", environment: [String: String] = [:]) throws(ConfigurationError) -> Configuration {
        directory.write("events.yaml", events)
        return try Configuration.load(from: directory.write("anniversaryd.yaml", config), environment: environment)
    }

    /// The diagnostics a broken file produces, as `name:line:column: message` with the folder removed.
    func diagnostics(config: String = "events: [events.yaml]\n", events: String = "events: []\n", environment: [String: String] = [:]) -> [String] {
        do {
            _ = try load(config: config, events: events, environment: environment)
            return []
        } catch {
            return error.diagnostics.map { $0.description.replacingOccurrences(of: directory.path + "/", with: "") }
        }
    }

    @Test func loadsTheExampleConfiguration() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let configuration = try Configuration.load(from: root.appendingPathComponent("Config/anniversaryd.yaml").path, environment: [:])
        #expect(configuration.events.map(\.id) == ["us-mn-diplomatic-relations", "rubio-batmunkh-meeting-2025", "landau-batmunkh-unga-2025"])
        #expect(configuration.databasePath == "anniversaryd.sqlite")
        let relations = try configuration.policy.resolve(configuration.events[0])
        #expect(relations.leads.map(\.description) == ["30d", "7d", "0d"])
        #expect(relations.occurrence(inYear: 2027)?.isMilestone == true)
        #expect(relations.timeZone.identifier == "Asia/Ulaanbaatar")
    }

    @Test func readsEverySetting() throws {
        let configuration = try load(config: """
            database: data/calendar.sqlite
            timezone: Europe/London
            log_level: debug
            events: ["*.yaml"]
            defaults:
              at: "08:30:15"
              remind: 2w
              channels: [team]
              leap_day: mar1
              catch_up: 2h
              milestones: [10, 50]
            channels:
              team:
                type: slack
                url_env: TEAM_URL
                template: "{{title}}"
                timeout: 5s
                retry: {attempts: 3, max_age: 1h}
            rules:
              - tags: [family]
                at: "07:00"
            """, events: """
            events:
              - id: gran
                title: no
                date: --02-29
                tags: family
            """, environment: ["TEAM_URL": "https://hooks.example.org/x"])
        #expect(configuration.databasePath == directory.file("data/calendar.sqlite"))
        #expect(configuration.logLevel == "debug")
        #expect(configuration.catchUp == .seconds(7200))
        #expect(configuration.channels["team"]?.kind == .slack)
        #expect(configuration.channels["team"]?.url == .environment("TEAM_URL"))
        #expect(configuration.channels["team"]?.retry == .init(attempts: 3, maxAge: .seconds(3600)))
        #expect(configuration.channels["log"]?.kind == .log)
        let event = try configuration.policy.resolve(try #require(configuration.events.first))
        // `no` is the string "no" where a string is expected.
        #expect(event.title == "no")
        #expect(event.time == TimeOfDay("07:00"))
        #expect(event.leads == [Lead("2w")!])
        #expect(event.leapDay == .mar1)
        #expect(event.milestones == [10, 50])
        #expect(event.timeZone.identifier == "Europe/London")
    }

    /// Commands that send nothing load a configuration whose secrets live elsewhere (systemd credentials).
    @Test func secretSourcesNeedNotBeReadableForCommandsThatSendNothing() throws {
        directory.write("events.yaml", "events: []\n")
        let path = directory.write("anniversaryd.yaml", "channels:\n  hooks: {type: webhook, url_env: NOPE, secret_file: /nonexistent}\n")
        let configuration = try Configuration.load(from: path, environment: [:], checkingSecrets: false)
        #expect(configuration.channels["hooks"]?.url == .environment("NOPE"))
        #expect(throws: ConfigurationError.self) { try Configuration.load(from: path, environment: [:]) }
    }

    @Test func defaultDatabaseFollowsStateDirectory() throws {
        #expect(try load(environment: ["STATE_DIRECTORY": "/var/lib/anniversaryd"]).databasePath == "/var/lib/anniversaryd/calendar.sqlite")
    }

    // MARK: - Errors, each at its place

    @Test func missingFileIsItsOwnKind() {
        #expect { try Configuration.load(from: directory.file("nope.yaml")) } throws: { error in
            (error as? ConfigurationError)?.kind == .missingFile
        }
    }

    @Test(arguments: [
        // Syntax.
        ("events: [events.yaml\n", "anniversaryd.yaml:2:1: YAML syntax error"),
        ("defaults:\n  at: 09:00\n  at: 10:00\nevents: []\n", "anniversaryd.yaml:2:3: duplicate key \"at\""),
        // Unknown keys, with a suggestion when one is close.
        ("events: []\ndefualts: {}\n", "anniversaryd.yaml:2:1: unknown key \"defualts\" in the configuration; did you mean \"defaults\"?"),
        ("defaults:\n  remnd: [1d]\n", "anniversaryd.yaml:2:3: unknown key \"remnd\" in defaults; did you mean \"remind\"?"),
        // Wrong types.
        ("defaults: [1d]\n", "anniversaryd.yaml:1:11: defaults must be a mapping of keys to values"),
        ("defaults:\n  remind: {a: 1}\n", "anniversaryd.yaml:2:11: \"remind\" must be a list of strings"),
        // Values.
        ("timezone: Europe/Londn\n", "anniversaryd.yaml:1:11: unknown time zone \"Europe/Londn\"; did you mean \"Europe/London\"?"),
        ("timezone: Mars/Olympus_Mons\n", "anniversaryd.yaml:1:11: unknown time zone \"Mars/Olympus_Mons\""),
        ("defaults:\n  remind: [7d, 1x]\n", "anniversaryd.yaml:2:16: invalid remind entry \"1x\""),
        ("defaults:\n  at: \"25:00\"\n", "anniversaryd.yaml:2:7: invalid at \"25:00\""),
        ("defaults:\n  catch_up: soon\n", "anniversaryd.yaml:2:13: invalid catch_up \"soon\""),
        ("log_level: loud\n", "anniversaryd.yaml:1:12: invalid log_level \"loud\""),
        // Channels.
        ("defaults:\n  channels: [log, slak]\n", "anniversaryd.yaml:2:19: unknown channel \"slak\""),
        ("channels:\n  team: {type: slack, url: \"https://x.org\"}\nrules:\n  - tags: [a]\n    channels: [tema]\n",
         "anniversaryd.yaml:5:16: unknown channel \"tema\"; did you mean \"team\"?"),
        ("channels:\n  team: {type: slak, url: \"https://x.org\"}\n", "anniversaryd.yaml:2:16: unknown channel type \"slak\""),
        ("channels:\n  team: {type: slack}\n", "anniversaryd.yaml:2:9: channel \"team\" needs one of \"url\", \"url_env\" or \"url_file\""),
        ("channels:\n  team: {type: slack, url: \"ftp://x.org\"}\n", "anniversaryd.yaml:2:28: channel \"team\": \"url\" must be an http:// or https:// URL"),
        ("channels:\n  team: {type: slack, url_env: NOPE}\n", "anniversaryd.yaml:2:32: environment variable NOPE, named by \"url_env\", is not set"),
        ("channels:\n  hooks: {type: webhook, url: \"https://x.org\", secret_file: missing}\n", "anniversaryd.yaml:2:61: cannot read"),
        ("channels:\n  team: {type: slack, url: \"https://x.org\", template: \"{{#a}}x\"}\n", "anniversaryd.yaml:2:63: invalid template"),
        ("rules:\n  - remind: [1d]\n", "anniversaryd.yaml:2:5: a rule needs \"tags\""),
        ("events: [missing.yaml]\n", "anniversaryd.yaml:1:10: event file"),
    ])
    func configErrorsPointAtTheirPlace(config: String, expected: String) {
        let found = diagnostics(config: config)
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
    }

    @Test(arguments: [
        ("events:\n  - id: a\n    title: A\n    date: 2026-02-30\n", "events.yaml:4:11: invalid date \"2026-02-30\": that day does not exist"),
        ("events:\n  - id: a\n    title: A\n    date: 2003\n", "events.yaml:4:11: invalid date \"2003\": a year alone has no day"),
        ("events:\n  - id: a\n    title: A\n    date: 2024-08\n", "events.yaml:4:11: invalid date \"2024-08\": a month alone"),
        ("events:\n  - id: a\n    title: A\n", "events.yaml:2:5: an event is missing \"date\""),
        ("events:\n  - id: a\n    date: --01-01\n", "events.yaml:2:5: an event is missing \"title\""),
        ("events:\n  - id: a b\n    title: A\n    date: --01-01\n", "events.yaml:2:9: invalid event id \"a b\""),
        ("events:\n  - id: a\n    title: A\n    date: --01-01\n    recurrence: once\n", "events.yaml:4:11: a once event needs a full date"),
        ("events:\n  - id: a\n    title: A\n    date: 2020-01-01\n    until: 2019-01-01\n", "events.yaml:5:12: \"until\" 2019-01-01 is before"),
        ("events:\n  - id: a\n    title: A\n    date: 2020-01-01\n    timezone: Asia/Kolkta\n", "events.yaml:5:15: unknown time zone \"Asia/Kolkta\"; did you mean \"Asia/Kolkata\"?"),
        ("events:\n  - id: a\n    title: A\n    date: 2020-01-01\n    remind: [1 day]\n", "events.yaml:5:14: invalid remind entry \"1 day\""),
        ("events:\n  - id: a\n    title: A\n    date: 2020-01-01\n    channels: [tem]\n", "events.yaml:5:16: unknown channel \"tem\""),
        ("events:\n  - id: a\n    title: A\n    date: 2020-01-01\n    message: \"{{years}\"\n", "events.yaml:5:22: invalid template"),
        ("events:\n  - id: a\n    titel: A\n    date: 2020-01-01\n", "events.yaml:3:5: unknown key \"titel\" in an event; did you mean \"title\"?"),
        ("events:\n  - id: a\n    title: [A]\n    date: 2020-01-01\n", "events.yaml:3:12: \"title\" must be a string"),
        ("events: {}\n", "events.yaml:1:9: \"events\" must be a list of events"),
    ])
    func eventErrorsPointAtTheirPlace(events: String, expected: String) {
        let found = diagnostics(events: events)
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
    }

    @Test func readsARuleWithItsExdatesAndRdates() throws {
        let configuration = try load(events: """
            events:
              - id: board
                title: Board meeting
                date: 2027-03-26
                recurrence: "FREQ=YEARLY;BYMONTH=3,6,9,12;BYDAY=-1FR"
                exdates: [2027-06-25]
                rdates: [2027-07-02]
            """)
        let event = try configuration.policy.resolve(try #require(configuration.events.first))
        #expect(event.recurrence == .rule(try RecurrenceRule(parsing: "FREQ=YEARLY;BYMONTH=3,6,9,12;BYDAY=-1FR")))
        #expect(event.occurrences(from: LocalDate("2027-01-01")!, through: LocalDate("2027-12-31")!).map { "\($0.date)#\($0.number!)" }
            == ["2027-03-26#1", "2027-07-02#2", "2027-09-24#3", "2027-12-31#4"])
    }

    /// A bad rule is reported at the part at fault, in plain, quoted and block values alike.
    @Test(arguments: [
        ("    recurrence: FREQ=YEARLY;BYDAY=5XX\n", "events.yaml:5:35: invalid recurrence \"FREQ=YEARLY;BYDAY=5XX\": BYDAY=5XX: \"XX\" is not a weekday"),
        ("    recurrence: \"FREQ=MONTHLY;BYHOUR=9\"\n", "events.yaml:5:31: invalid recurrence \"FREQ=MONTHLY;BYHOUR=9\": BYHOUR is not supported"),
        ("    recurrence: 'FREQ=HOURLY'\n", "events.yaml:5:23: invalid recurrence \"FREQ=HOURLY\": FREQ=HOURLY repeats within a day"),
        ("    recurrence: >-\n      FREQ=DAILY;COUNT=0\n", "events.yaml:5:17: invalid recurrence \"FREQ=DAILY;COUNT=0\": COUNT=0"),
        ("    recurrence: \"FREQ=DAILY;UNTIL=20190101\"\n", "events.yaml:5:17: the rule's UNTIL is before the event's date 2020-01-01"),
        ("    recurrence: weekly\n", "events.yaml:5:17: invalid recurrence \"weekly\": \"weekly\" is not a rule part"),
        ("    exdates: [2020-02-30]\n", "events.yaml:5:15: invalid exdates entry \"2020-02-30\""),
        ("    exdates: [2020-03-01]\n", "events.yaml:5:14: exdates belong to an event with a recurrence rule; this one recurs yearly"),
        ("    recurrence: FREQ=DAILY\n    rdates: [2019-12-31]\n", "events.yaml:6:13: rdate 2019-12-31 is before the event's date 2020-01-01"),
    ])
    func ruleErrorsPointAtTheirPart(lines: String, expected: String) {
        let found = diagnostics(events: "events:\n  - id: a\n    title: A\n    date: 2020-01-01\n" + lines)
        #expect(found.count == 1 && found[0].hasPrefix(expected), "\(found)")
    }

    @Test func aRuleNeedsAFullDate() {
        let found = diagnostics(events: "events:\n  - id: a\n    title: A\n    date: --11-26\n    recurrence: FREQ=YEARLY;BYMONTH=11;BYDAY=4TH\n")
        #expect(found == ["events.yaml:4:11: an event with a recurrence rule needs a full date with its year: the date is the rule's first occurrence (DTSTART)"])
    }

    @Test func duplicateIdsAcrossFilesNameBothPlaces() {
        directory.write("b.yaml", "events:\n  - id: same\n    title: B\n    date: --01-02\n")
        let found = diagnostics(config: "events: [events.yaml, b.yaml]\n", events: "events:\n  - id: same\n    title: A\n    date: --01-01\n")
        #expect(found == ["b.yaml:2:9: duplicate event id \"same\"; it is first defined at events.yaml:2:9"])
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        let found = diagnostics(config: "events: [events.yaml]\ntimezone: Nowhere/City\ndefaults:\n  remind: [x]\n", events: "events:\n  - id: a\n    title: A\n    date: 2026-02-30\n")
        #expect(found.count == 3)
    }

    /// A secret that cannot sign says why, at the key that names it.
    @Test(arguments: [
        ("secret: \"whsec_%%%\"", "anniversaryd.yaml:2:56: channel \"hooks\": its secret cannot sign: the secret has \"whsec_\" but what follows is not base64"),
        ("secret: \"n0t-a-secret\"", "anniversaryd.yaml:2:56: channel \"hooks\": its secret cannot sign: the secret does not start with \"whsec_\" (nor is it base64)"),
        ("secret: \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw bad!\"", "anniversaryd.yaml:2:56: channel \"hooks\": its secret cannot sign: secret 2 does not start with \"whsec_\""),
        ("secret_file: binary.key", "anniversaryd.yaml:2:61: channel \"hooks\": its secret, named by \"secret_file\", is not UTF-8 text"),
        ("secret_env: HOOKS_SECRET", "anniversaryd.yaml:2:60: channel \"hooks\": its secret cannot sign: the secret has \"whsec_\" but"),
    ])
    func secretsThatCannotSignSayWhy(secret: String, expected: String) throws {
        try Data([0xFF, 0xFE, 0x00]).write(to: directory.url("binary.key"))
        let found = diagnostics(config: "channels:\n  hooks: {type: webhook, url: \"https://x.org\", \(secret)}\n", environment: ["HOOKS_SECRET": "whsec_???"])
        #expect(found.count == 1 && found[0].hasPrefix(expected), "\(found)")
    }

    /// Nesting past the parser's limit is a sentence, not the parser's function name.
    @Test func deepNestingIsSaidInWords() {
        let found = diagnostics(config: "events: " + String(repeating: "[", count: 1200) + String(repeating: "]", count: 1200) + "\n")
        #expect(found.count == 1)
        #expect(found.first?.hasSuffix("lists and mappings are nested too deeply here (YAML allows 1000 levels)") == true, "\(found)")
        #expect(found.allSatisfy { !$0.contains("yaml_") })
    }

    /// An alias used at many places is checked at each, and its problem reported once, at its anchor.
    @Test func anAliasOfTheWrongTypeIsReportedOnce() {
        var events = "x: &bad {a: 1}\nevents:\n"
        for index in 0..<92 { events += "  - {id: e\(index), title: E, date: 2000-01-01, tags: *bad}\n" }
        let found = diagnostics(events: events)
        #expect(found == ["events.yaml:1:1: unknown key \"x\" in an event file", "events.yaml:1:4: \"tags\" must be a list of strings"])
    }
}
