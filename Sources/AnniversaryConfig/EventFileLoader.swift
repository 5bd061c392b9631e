import AnniversaryCore
import Foundation
import Yams

/// Reads event files: a top-level `events:` list of event mappings.
///
/// | key | type | |
/// | --- | --- | --- |
/// | `id` | letters, digits, `.` `_` `-` | required, unique across all files |
/// | `title` | string | required |
/// | `date` | `YYYY-MM-DD`, or `--MM-DD` when the year is unknown | required |
/// | `recurrence` | yearly \| once \| an RFC 5545 RRULE (`FREQ=YEARLY;BYMONTH=11;BYDAY=4TH`) | yearly |
/// | `exdates`, `rdates` | lists of `YYYY-MM-DD`: dates a rule's series leaves out or adds | none |
/// | `until` | `YYYY-MM-DD` | none |
/// | `tags` | list of strings | none |
/// | `message` | Mustache template | the channel's, else a default |
/// | `notes` | string: free text about the event, `{{notes}}` in templates | none |
/// | `at`, `timezone`, `remind`, `channels`, `leap_day` | as in `defaults` | from defaults and rules |
struct EventFileLoader {
    static let eventKeys = [
        "id", "title", "date", "recurrence", "exdates", "rdates", "until", "tags", "message", "notes", "at", "timezone", "remind", "channels", "leap_day",
    ]

    let channelNames: Set<String>
    let collector: DiagnosticCollector

    /// The events of `files`, and where each one's id is written.
    func load(_ files: [String]) -> (events: [EventDefinition], places: [String: Diagnostic.Place]) {
        var events: [EventDefinition] = []
        var firstDefinition: [String: Diagnostic.Place] = [:]
        for file in files {
            guard let text = FileText.read(file, collector: collector) else { continue }
            let reader = YAMLReader(file: file, collector: collector)
            guard let root = reader.root(of: text) else { continue }
            guard let values = reader.mapping(root, named: "an event file", keys: ["events"]) else { continue }
            guard let list = values["events"], case .sequence(let sequence) = list else {
                if let list = values["events"], !reader.isNull(list) { reader.report("\"events\" must be a list of events", at: list) }
                continue
            }
            for item in sequence {
                guard let (event, idNode) = event(item, reader: reader) else { continue }
                if let first = firstDefinition[event.id] {
                    reader.report("duplicate event id \"\(event.id)\"; it is first defined at \(first)", at: idNode)
                    continue
                }
                firstDefinition[event.id] = Diagnostic.Place(file: file, line: idNode.mark?.line ?? 0, column: idNode.mark?.column ?? 0)
                events.append(event)
            }
        }
        return (events, firstDefinition)
    }

    func event(_ node: Node, reader: YAMLReader) -> (EventDefinition, Node)? {
        guard let values = reader.mapping(node, named: "an event", keys: Self.eventKeys) else { return nil }
        let id = reader.requiredString(values, key: "id", in: "an event", at: node)
        if let id, let idNode = values["id"], !EventDefinition.isValidID(id) {
            reader.report("invalid event id \"\(id)\"; use letters, digits, '.', '_' and '-', starting with a letter or digit", at: idNode)
        }
        let title = reader.requiredString(values, key: "title", in: "an event", at: node)
        let origin = values["date"] == nil
            ? { reader.report("an event is missing \"date\"", at: node); return nil }()
            : reader.value(values["date"], key: "date", expecting: Self.dateExpectation(values["date"]?.scalar?.string ?? ""), OriginDate.init)
        let recurrence = reader.recurrence(values["recurrence"])
        let exdates = reader.list(values["exdates"], key: "exdates", expecting: "use YYYY-MM-DD", LocalDate.init)
        let rdates = reader.list(values["rdates"], key: "rdates", expecting: "use YYYY-MM-DD", LocalDate.init)
        let until = reader.value(values["until"], key: "until", expecting: "use YYYY-MM-DD", LocalDate.init)
        let message = reader.template(values["message"], key: "message")
        let notes = reader.string(values["notes"], key: "notes")
        let time = reader.timeOfDay(values["at"])
        let zone = reader.timeZone(values["timezone"])
        let leads = reader.leads(values["remind"])
        let channels = Self.channelReferences(values["channels"], known: channelNames, reader: reader)
        let leapDay = reader.leapDay(values["leap_day"])
        let tags = reader.stringList(values["tags"], key: "tags")?.map(\.value) ?? []

        guard let id, EventDefinition.isValidID(id), let title, let origin, let idNode = values["id"] else { return nil }
        guard values["recurrence"] == nil || recurrence != nil else { return nil }
        if let until, let start = origin.localDate, until < start {
            reader.report("\"until\" \(until) is before the event's date \(start)", at: values["until"])
            return nil
        }
        let definition = EventDefinition(
            id: id, title: title, origin: origin, recurrence: recurrence ?? .yearly, tags: tags, message: message?.description,
            notes: notes, until: until, time: time, timeZoneIdentifier: zone?.identifier, leads: leads, channels: channels, leapDay: leapDay,
            exdates: exdates ?? [], rdates: rdates ?? []
        )
        let problems = definition.recurrenceProblems
        for problem in problems { reader.report(problem.message, at: values[problem.key]) }
        return problems.isEmpty ? (definition, idNode) : nil
    }

    /// Explains a date that did not parse: a year or a month alone gets its own answer.
    static func dateExpectation(_ text: String) -> String {
        let parts = text.split(separator: "-")
        if parts.count == 1, parts[0].count == 4, Int(parts[0]) != nil {
            return "a year alone has no day to remind on; give the full date YYYY-MM-DD"
        }
        if parts.count == 2, parts[0].count == 4, Int(parts[0]) != nil {
            return "a month alone has no day to remind on; give the full date YYYY-MM-DD"
        }
        if LocalDate(year: Int(parts.first ?? "") ?? 0, month: parts.count > 1 ? Int(parts[1]) ?? 0 : 0, day: 1) != nil {
            return "that day does not exist in that month"
        }
        return "use YYYY-MM-DD, or --MM-DD when the year is unknown"
    }

    static func channelReferences(_ node: Node?, known: Set<String>, reader: YAMLReader) -> [String]? {
        guard let items = reader.stringList(node, key: "channels") else { return nil }
        for (name, item) in items where !known.contains(name) {
            var message = "unknown channel \"\(name)\""
            if let suggestion = Suggestion.closest(to: name, among: known) { message += "; did you mean \"\(suggestion)\"?" }
            reader.report(message, at: item)
        }
        return items.map(\.value)
    }
}
