import AnniversaryCore
import Foundation

/// Writes events as an iCalendar file (RFC 5545) that ``ICalendarImporter`` reads back as the
/// same events: one VEVENT per event, a VTIMEZONE per zone used, CR LF line ends, lines folded
/// at 75 octets.
///
/// What iCalendar has no property for (channels, the message template, an id that is not a
/// UID's) is kept in `X-ANNIVERSARYD-` properties, which other clients ignore.
public struct ICalendarWriter: Sendable {
    /// DTSTAMP, and the year VTIMEZONE rules are written for.
    public var now: Date
    /// How yearly Feb 29 events that do not say fall in common years.
    public var leapDay: LeapDayPolicy

    public init(now: Date, leapDay: LeapDayPolicy) {
        self.now = now
        self.leapDay = leapDay
    }

    public func calendar(_ definitions: [EventDefinition]) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//anniversaryd//anniversaryd//EN", "CALSCALE:GREGORIAN"]
        let year = TimeZone.gmt.localDate(for: now).year
        let zones = Set(definitions.compactMap { $0.time == nil ? nil : $0.timeZoneIdentifier }).filter { !Self.isUTC($0) }
        for identifier in zones.sorted() {
            if let zone = TimeZone(identifier: identifier) { lines += VTimeZoneWriter.lines(for: zone, around: year) }
        }
        // One DTSTAMP for the whole file: the moment it was written.
        let stamp = ICalendarDateTime(date: TimeZone.gmt.localDate(for: now), time: TimeZone.gmt.timeOfDay(for: now), isUTC: true)
        for definition in definitions { lines += event(definition, stamp: stamp) }
        lines.append("END:VCALENDAR")
        var text = ""
        for line in lines { Self.appendFolded(line, to: &text) }
        return text
    }

    private func event(_ definition: EventDefinition, stamp: ICalendarDateTime) -> [String] {
        let uid = EventIdentifier.uid(from: definition.id).flatMap { EventIdentifier.make(uid: $0) == definition.id ? $0 : nil }
        var lines = ["BEGIN:VEVENT", "UID:\(TextValue.escape(uid ?? definition.id))", "DTSTAMP:\(stamp.description)"]
        if uid == nil { lines.append("X-ANNIVERSARYD-ID:\(definition.id)") }
        lines.append("SUMMARY:\(TextValue.escape(definition.title))")
        if let notes = definition.notes { lines.append("DESCRIPTION:\(TextValue.escape(notes))") }
        if !definition.tags.isEmpty { lines.append("CATEGORIES:" + definition.tags.map(TextValue.escape).joined(separator: ",")) }

        let origin = definition.origin
        // Apple's way to say a yearly date has no known year.
        let year = origin.year ?? 1604
        let start = LocalDate(year: year, month: origin.month, day: origin.day) ?? LocalDate(year: 1604, month: 2, day: 29)!
        let omitYear = origin.year == nil ? ";X-APPLE-OMIT-YEAR=1604" : ""
        lines.append("DTSTART\(dateParameters(definition))\(omitYear):\(moment(start, definition).description)")
        switch definition.recurrence {
        case .once: break
        case .yearly:
            var rule = RecurrenceRule(frequency: .yearly, end: definition.until.map { .until(until($0, definition)) } ?? .never)
            // The importer reads these two back as a yearly Feb 29 event of that policy.
            if origin.isLeapDay, (definition.leapDay ?? leapDay) == .feb28 {
                (rule.months, rule.monthDays) = ([2], [-1])
            } else if origin.isLeapDay {
                rule.yearDays = [60]
            }
            lines.append("RRULE:\(rule.description)")
        case .rule(var rule):
            // The event's own last date, where the rule has no end of its own; a rule that has
            // one keeps it (the event's `until` is then not written).
            if let last = definition.until, rule.end == .never { rule.end = .until(until(last, definition)) }
            lines.append("RRULE:\(rule.description)")
        }
        for (name, dates) in [("EXDATE", definition.exdates), ("RDATE", definition.rdates)] where !dates.isEmpty {
            lines.append("\(name)\(dateParameters(definition)):" + dates.map { moment($0, definition).description }.joined(separator: ","))
        }
        for lead in definition.leads ?? [] {
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:\(TextValue.escape(definition.title))", "TRIGGER:\(trigger(lead))", "END:VALARM"]
        }
        // An all-day DTSTART has no zone to carry the event's.
        if definition.time == nil, let zone = definition.timeZoneIdentifier { lines.append("X-ANNIVERSARYD-TIMEZONE:\(zone)") }
        if let channels = definition.channels { lines.append("X-ANNIVERSARYD-CHANNELS:" + channels.joined(separator: ",")) }
        if let message = definition.message { lines.append("X-ANNIVERSARYD-MESSAGE:\(TextValue.escape(message))") }
        if let leapDay = definition.leapDay, !origin.isLeapDay || definition.recurrence != .yearly {
            lines.append("X-ANNIVERSARYD-LEAP-DAY:\(leapDay.rawValue)")
        }
        return lines + ["END:VEVENT"]
    }

    /// `;VALUE=DATE` for an all-day event, `;TZID=…` for one in a zone other than UTC.
    private func dateParameters(_ definition: EventDefinition) -> String {
        guard definition.time != nil else { return ";VALUE=DATE" }
        guard let zone = definition.timeZoneIdentifier, !Self.isUTC(zone) else { return "" }
        return ";TZID=\(zone)"
    }

    private func moment(_ date: LocalDate, _ definition: EventDefinition) -> ICalendarDateTime {
        ICalendarDateTime(date: date, time: definition.time, isUTC: definition.time != nil && definition.timeZoneIdentifier.map(Self.isUTC) == true)
    }

    /// The last date as UNTIL: a DATE for an all-day event, else the end of that day, in UTC
    /// when the event has a zone (as RFC 5545 asks).
    private func until(_ last: LocalDate, _ definition: EventDefinition) -> RecurrenceRule.Until {
        let endOfDay = TimeOfDay(hour: 23, minute: 59, second: 59)!
        guard definition.time != nil else { return .date(last) }
        guard let zone = definition.timeZoneIdentifier.flatMap(TimeZone.init(identifier:)) else { return .local(last, endOfDay) }
        return .instant(zone.instant(for: last, at: endOfDay))
    }

    private func trigger(_ lead: Lead) -> String {
        switch lead.unit {
        case _ where lead.amount == 0: "PT0S"
        case .days: "-P\(lead.amount)D"
        case .weeks: "-P\(lead.amount)W"
        case .hours: "-PT\(lead.amount)H"
        case .minutes: "-PT\(lead.amount)M"
        }
    }

    static func isUTC(_ identifier: String) -> Bool {
        ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Z"].contains(identifier)
    }

    /// Appends `line` and CR LF, folded so no line is longer than 75 octets (RFC 5545 3.1),
    /// never inside a UTF-8 sequence.
    static func appendFolded(_ line: String, to text: inout String) {
        var count = 0
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if count + width > 75 {
                text += "\r\n "
                count = 1
            }
            text.unicodeScalars.append(scalar)
            count += width
        }
        text += "\r\n"
    }
}
