import AnniversaryCore

/// A VALARM's relative TRIGGER as a lead, or why it cannot be one.
enum AlarmLead {
    case lead(Lead)
    case unkept(String)

    /// - Parameter allDay: Whether the event is all-day (DTSTART a DATE): its alarm becomes whole
    ///   days before the date, at the time of day reminders are sent, since the event has no time of
    ///   its own (Apple's "1 day before at 09:00" is `-PT15H` from midnight).
    ///
    /// A malformed alarm is not kept rather than refused: it cannot move the event's dates.
    static func from(_ alarm: Component, allDay: Bool) -> AlarmLead {
        guard let trigger = alarm.property("TRIGGER") else { return .unkept("an alarm with no TRIGGER") }
        if trigger.parameter("VALUE")?.uppercased() == "DATE-TIME" || ICalendarDateTime(trigger.value) != nil {
            return .unkept("an alarm at a fixed time (TRIGGER \(trigger.value))")
        }
        guard let duration = ICalendarDuration(trigger.value) else {
            return .unkept("an alarm whose TRIGGER \"\(trigger.value)\" is neither a duration such as -P7D nor a date-time")
        }
        if trigger.parameter("RELATED")?.uppercased() == "END" {
            return .unkept("an alarm relative to the event's end (TRIGGER;RELATED=END:\(trigger.value))")
        }
        let before = duration.isNegative ? duration.approximateSeconds : -duration.approximateSeconds
        if allDay {
            // An alarm during the day itself is a reminder on the day.
            guard before > -86_400 else { return .unkept("an alarm after the event's day (TRIGGER \(trigger.value))") }
            if before <= 0 { return .lead(.onTheDay) }
            if duration.days == 0, duration.seconds == 0 { return wrap(Lead(amount: duration.weeks, unit: .weeks), trigger) }
            return wrap(Lead(amount: (before + 86_399) / 86_400, unit: .days), trigger)
        }
        guard before >= 0 else { return .unkept("an alarm after the event's start (TRIGGER \(trigger.value))") }
        if before == 0 { return .lead(.onTheDay) }
        if duration.seconds == 0 {
            if duration.days == 0 { return wrap(Lead(amount: duration.weeks, unit: .weeks), trigger) }
            return wrap(Lead(amount: duration.weeks * 7 + duration.days, unit: .days), trigger)
        }
        // Hours and minutes are exact; a day among them is counted as 24 hours.
        let minutes = (before + 59) / 60
        return wrap(minutes % 60 == 0 ? Lead(amount: minutes / 60, unit: .hours) : Lead(amount: minutes, unit: .minutes), trigger)
    }

    private static func wrap(_ lead: Lead?, _ trigger: ContentLine) -> AlarmLead {
        lead.map(AlarmLead.lead) ?? .unkept("an alarm more than 100 years ahead (TRIGGER \(trigger.value))")
    }
}
