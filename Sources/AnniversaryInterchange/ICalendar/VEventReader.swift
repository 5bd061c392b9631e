import AnniversaryCore
import Foundation

/// One VEVENT, with the overrides (RECURRENCE-ID) of its series, read as a definition.
struct VEventReader {
    enum Outcome {
        case imported(EventDefinition)
        case skipped(ImportWarning)
    }

    let event: Component
    let uid: String
    let overrides: [Component]
    /// What the event cannot keep, for its one warning.
    private var unkept: [String] = []
    private var id: String
    private var title: String

    init(event: Component, uid: String, overrides: [Component]) {
        self.event = event
        self.uid = uid
        self.overrides = overrides
        // Our own export names an id no UID maps to.
        id = event.property("X-ANNIVERSARYD-ID").map { $0.value.trimmingWhitespace }.flatMap { EventDefinition.isValidID($0) ? $0 : nil }
            ?? EventIdentifier.make(uid: uid)
        let summary = event.property("SUMMARY").map { TextValue.unescape($0.value) } ?? ""
        // A title is one line.
        let oneLine = summary.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingWhitespace
        title = oneLine.isEmpty ? "(no title)" : oneLine
    }

    /// The warning listing what was not kept, if anything was not.
    var warning: ImportWarning? {
        unkept.isEmpty ? nil : ImportWarning(line: event.line, "event \"\(id)\" (\(title)): not kept: " + unkept.joined(separator: "; "))
    }

    private func skip(_ reason: String) -> Outcome {
        .skipped(ImportWarning(line: event.line, "event \"\(id)\" (\(title)): not imported: \(reason)"))
    }

    /// A DATE or DATE-TIME property and the IANA zone it is in (`nil`: floating or a DATE).
    private struct Moment {
        var value: ICalendarDateTime
        var zone: String?
    }

    mutating func read(zones: inout TimeZoneResolver) throws(InterchangeError) -> Outcome {
        if event.property("STATUS")?.value.trimmingWhitespace.uppercased() == "CANCELLED" { return skip("it is cancelled (STATUS:CANCELLED)") }
        guard let startLine = event.property("DTSTART") else { return skip("it has no DTSTART") }
        guard let start = try moments(startLine, zones: &zones).first else { return skip("its DTSTART is empty") }
        let allDay = start.value.time == nil
        let time = start.value.time
        let zone = start.zone ?? (allDay ? event.property("X-ANNIVERSARYD-TIMEZONE").flatMap { TimeZoneResolver.ianaIdentifier($0.value) } : nil)

        // The rule.
        var rule: RecurrenceRule?
        // An empty RRULE (`RRULE:`, as some holiday feeds write) says nothing.
        let rules = event.properties("RRULE").filter { !$0.value.trimmingWhitespace.isEmpty }
        if let first = rules.first {
            switch try Self.rule(first, start: start.value) {
            case .success(let parsed): rule = parsed
            case .failure(let reason): return skip(reason)
            }
            for extra in rules.dropFirst() { unkept.append("a second RRULE (line \(extra.line))") }
        }
        for exrule in event.properties("EXRULE") { unkept.append("EXRULE (line \(exrule.line); RFC 5545 deprecates it)") }

        var (exdates, rdates) = try seriesDates(start: start, zone: zone, zones: &zones)
        for override in overrides.sorted(by: { $0.line < $1.line }) {
            try apply(override, time: time, zone: zone, isSeries: rule != nil || !rdates.isEmpty, exdates: &exdates, rdates: &rdates, zones: &zones)
        }
        // RDATEs alone make a series: DTSTART and them.
        if rule == nil, !rdates.isEmpty { rule = RecurrenceRule(frequency: .yearly, end: .count(1)) }
        if rule == nil, !exdates.isEmpty {
            unkept.append("EXDATE on an event that does not repeat")
            exdates = []
        }

        var tags: [String] = []
        for property in event.properties("CATEGORIES") {
            for tag in TextValue.list(property.value) where !tags.contains(tag) { tags.append(tag) }
        }
        let notes = event.property("DESCRIPTION").map { TextValue.unescape($0.value).trimmingWhitespace }.flatMap { $0.isEmpty ? nil : $0 }

        var recurrence = rule.map(Recurrence.rule) ?? .once
        var leapDay = event.property("X-ANNIVERSARYD-LEAP-DAY").flatMap { LeapDayPolicy(rawValue: $0.value.trimmingWhitespace) }
        var origin = OriginDate(start.value.date)
        var until: LocalDate?
        if let rule, exdates.isEmpty, rdates.isEmpty, let yearly = Self.yearly(rule, start: start.value.date) {
            recurrence = .yearly
            leapDay = yearly ?? leapDay
            if case .until(let last) = rule.end {
                until = switch last {
                case .date(let date), .local(let date, _): date
                case .instant(let instant): (zone.flatMap(TimeZone.init(identifier:)) ?? .gmt).localDate(for: instant)
                }
            }
            // Apple writes a birthday whose year is unknown in year 1604, naming it X-APPLE-OMIT-YEAR.
            if startLine.parameter("X-APPLE-OMIT-YEAR") == String(start.value.date.year) {
                origin = OriginDate(year: nil, month: origin.month, day: origin.day)!
            }
        }
        let leads = self.leads(allDay: allDay)
        let definition = EventDefinition(
            id: id, title: title, origin: origin, recurrence: recurrence, tags: tags,
            message: event.property("X-ANNIVERSARYD-MESSAGE").map { TextValue.unescape($0.value) }, notes: notes, until: until, time: time,
            timeZoneIdentifier: zone, leads: leads.isEmpty ? nil : leads.sorted(),
            channels: event.property("X-ANNIVERSARYD-CHANNELS").map { TextValue.list($0.value) }, leapDay: leapDay,
            exdates: Array(Set(exdates)).sorted(), rdates: Array(Set(rdates)).sorted()
        )
        if let problem = definition.recurrenceProblems.first { return skip(problem.message) }
        return .imported(definition)
    }

    /// EXDATE and RDATE, as the dates of occurrences at the event's time.
    private mutating func seriesDates(
        start: Moment, zone: String?, zones: inout TimeZoneResolver
    ) throws(InterchangeError) -> (exdates: [LocalDate], rdates: [LocalDate]) {
        let time = start.value.time
        var exdates: [LocalDate] = []
        var rdates: [LocalDate] = []
        let kinds: Set<String?> = [nil, "DATE", "DATE-TIME", "PERIOD"]
        for property in event.properties("EXDATE") + event.properties("RDATE") where !kinds.contains(property.parameter("VALUE")?.uppercased()) {
            unkept.append("\(property.name);VALUE=\(property.parameter("VALUE")!) (line \(property.line)), which names no day")
        }
        for property in event.properties("EXDATE") where kinds.contains(property.parameter("VALUE")?.uppercased()) {
            for moment in try moments(property, zones: &zones) {
                if let date = occurrenceDate(moment, time: time, zone: zone) { exdates.append(date) } else {
                    unkept.append("EXDATE \(moment.value.description) (line \(property.line)), not at the event's time of day")
                }
            }
        }
        for property in event.properties("RDATE") where kinds.contains(property.parameter("VALUE")?.uppercased()) {
            for moment in try moments(property, zones: &zones) {
                if let date = occurrenceDate(moment, time: time, zone: zone), date >= start.value.date { rdates.append(date) } else {
                    unkept.append("RDATE \(moment.value.description) (line \(property.line)), \(moment.value.date < start.value.date ? "before DTSTART" : "not at the event's time of day")")
                }
            }
        }
        return (exdates, rdates)
    }

    /// The VALARMs' leads, without repeats.
    private mutating func leads(allDay: Bool) -> [Lead] {
        var leads: [Lead] = []
        for alarm in event.components where alarm.name == "VALARM" {
            switch AlarmLead.from(alarm, allDay: allDay) {
            case .lead(let lead): if !leads.contains(lead) { leads.append(lead) }
            case .unkept(let reason): unkept.append("\(reason) (line \(alarm.line))")
            }
        }
        return leads
    }

    /// The values of a DATE, DATE-TIME or PERIOD property (PERIOD by its start).
    private func moments(_ property: ContentLine, zones: inout TimeZoneResolver) throws(InterchangeError) -> [Moment] {
        let type = property.parameter("VALUE")?.uppercased()
        var zone: String?
        if let tzid = property.parameter("TZID") {
            let year = ICalendarDateTime(property.value.prefix { $0 != "," && $0 != "/" })?.date.year ?? TimeZone.gmt.localDate(for: Date()).year
            zone = try zones.identifier(for: tzid, line: property.line, year: year)
        }
        var moments: [Moment] = []
        for item in property.value.split(separator: ",") {
            let text = type == "PERIOD" || item.contains("/") ? item.prefix { $0 != "/" } : item
            guard let value = ICalendarDateTime(text), type != "DATE" || value.time == nil else {
                throw InterchangeError(
                    line: property.line,
                    "\(property.name) \"\(item)\" is not a \(type == "DATE" ? "DATE such as 20270127" : "DATE (20270127) or DATE-TIME (20270127T090000, …Z for UTC)")"
                )
            }
            moments.append(Moment(value: value, zone: value.isUTC ? "UTC" : value.time == nil ? nil : zone))
        }
        return moments
    }

    /// The event's date a moment names when it falls at the event's time (any time for an
    /// all-day event, and a DATE for any event); nil when it falls at another time.
    private func occurrenceDate(_ moment: Moment, time: TimeOfDay?, zone: String?) -> LocalDate? {
        guard let time, let momentTime = moment.value.time else { return moment.value.date }
        var date = moment.value.date, local = momentTime
        if let from = moment.zone.flatMap(TimeZone.init(identifier:)), let to = zone.flatMap(TimeZone.init(identifier:)) {
            let instant = from.instant(for: date, at: momentTime)
            date = to.localDate(for: instant)
            local = to.timeOfDay(for: instant)
        }
        return (local.hour, local.minute, local.second) == (time.hour, time.minute, time.second) ? date : nil
    }

    /// Applies an override: a cancelled occurrence is removed; one moved to another day at the
    /// same time is removed and added there. Other changes are listed as not kept.
    private mutating func apply(
        _ override: Component, time: TimeOfDay?, zone: String?, isSeries: Bool,
        exdates: inout [LocalDate], rdates: inout [LocalDate], zones: inout TimeZoneResolver
    ) throws(InterchangeError) {
        let recurrenceID = override.property("RECURRENCE-ID")!
        guard let original = try moments(recurrenceID, zones: &zones).first else { return unkept.append("an empty RECURRENCE-ID (line \(recurrenceID.line))") }
        let label = "the override of \(original.value.description) (line \(override.line))"
        guard isSeries else { return unkept.append("\(label): the event does not repeat") }
        guard recurrenceID.parameter("RANGE") == nil else { return unkept.append("\(label): RANGE=THISANDFUTURE") }
        guard let originalDate = occurrenceDate(original, time: time, zone: zone) else {
            return unkept.append("\(label): it names no occurrence at the event's time")
        }
        if override.property("STATUS")?.value.trimmingWhitespace.uppercased() == "CANCELLED" {
            exdates.append(originalDate)
            return
        }
        var changes: [String] = []
        if let startLine = override.property("DTSTART") {
            if let moved = try moments(startLine, zones: &zones).first, let date = occurrenceDate(moved, time: time, zone: zone), (moved.value.time == nil) == (time == nil) {
                if date != originalDate {
                    exdates.append(originalDate)
                    rdates.append(date)
                }
            } else {
                changes.append("moved to \(startLine.value)")
            }
        }
        if let summary = override.property("SUMMARY").map({ TextValue.unescape($0.value).trimmingWhitespace }), summary != title {
            changes.append("a title of its own")
        }
        if !changes.isEmpty { unkept.append("\(label): " + changes.joined(separator: ", ")) }
    }

    enum RuleReading {
        case success(RecurrenceRule)
        case failure(String)
    }

    /// The RRULE, with BYHOUR, BYMINUTE and BYSECOND left out when they only repeat DTSTART's
    /// time; a rule that repeats within a day is reported as not importable, a malformed one
    /// as an error.
    static func rule(_ property: ContentLine, start: ICalendarDateTime) throws(InterchangeError) -> RuleReading {
        var parts: [Substring] = []
        // Some writers put spaces after commas (`BYDAY=MO, TU`).
        for part in property.value.filter({ $0 != " " }).split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pair[0].uppercased(), value = pair.count > 1 ? pair[1] : ""
            let own: Int? = switch name {
            case "BYHOUR": start.time?.hour ?? 0
            case "BYMINUTE": start.time?.minute ?? 0
            case "BYSECOND": start.time?.second ?? 0
            default: nil
            }
            if let own {
                guard Int(value) == own else { return .failure("its RRULE repeats within a day (\(part)); an event here has one time of day") }
                continue
            }
            if name == "FREQ", ["HOURLY", "MINUTELY", "SECONDLY"].contains(value.uppercased()) {
                return .failure("its RRULE repeats within a day (\(part)); an event here has one time of day")
            }
            if name == "RSCALE" || name == "SKIP" { return .failure("its RRULE uses another calendar system (\(part), RFC 7529)") }
            parts.append(part)
        }
        do {
            return .success(try RecurrenceRule(parsing: parts.joined(separator: ";")))
        } catch {
            throw InterchangeError(line: property.line, "RRULE: \(error.message)")
        }
    }

    /// How a rule that is an event's plain yearly recurrence treats Feb 29 (`nil`: the policy's
    /// way, for any other date); nil when the rule is not that.
    static func yearly(_ rule: RecurrenceRule, start: LocalDate) -> LeapDayPolicy?? {
        if case .count = rule.end { return nil }
        guard rule.frequency == .yearly, rule.interval == 1, rule.weekNumbers.isEmpty, rule.weekdays.isEmpty,
              rule.setPositions.isEmpty
        else { return nil }
        if start.month == 2, start.day == 29 {
            if rule.months == [2], rule.monthDays == [-1], rule.yearDays.isEmpty { return .some(.feb28) }
            if rule.months.isEmpty, rule.monthDays.isEmpty, rule.yearDays == [60] { return .some(.mar1) }
            return nil
        }
        guard rule.yearDays.isEmpty, rule.months.allSatisfy({ $0 == start.month }), rule.monthDays.allSatisfy({ $0 == start.day })
        else { return nil }
        return .some(nil)
    }
}
