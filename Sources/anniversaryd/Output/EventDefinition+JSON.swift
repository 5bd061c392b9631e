import AnniversaryCore
import AnniversaryStore

extension EventDefinition {
    /// An event as JSON: `events list --json` (with its source) and `events export --format json`.
    func json(source: StoredEvent.Source?) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let time { members.append(("at", .string(time.description))) }
        if let channels { members.append(("channels", .strings(channels))) }
        members.append(("date", .string(origin.description)))
        if !exdates.isEmpty { members.append(("exdates", .strings(exdates.map(\.description)))) }
        members.append(("id", .string(id)))
        if let leapDay { members.append(("leap_day", .string(leapDay.rawValue))) }
        if let message { members.append(("message", .string(message))) }
        if let notes { members.append(("notes", .string(notes))) }
        if !rdates.isEmpty { members.append(("rdates", .strings(rdates.map(\.description)))) }
        members.append(("recurrence", .string(recurrence.description)))
        if let leads { members.append(("remind", .strings(leads.map(\.description)))) }
        if let source { members.append(("source", .string(source.rawValue))) }
        members.append(("tags", .strings(tags)))
        if let timeZoneIdentifier { members.append(("timezone", .string(timeZoneIdentifier))) }
        members.append(("title", .string(title)))
        if let until { members.append(("until", .string(until.description))) }
        return .object(members)
    }
}
