import Foundation

// MARK: - Occurrences

extension Event {
    /// The occurrence in a given year, if the event has one then (a rule event's first that year).
    ///
    /// A February 29 origin falls on February 28 or March 1 in common years, as ``leapDay`` says.
    public func occurrence(inYear year: Int) -> Occurrence? {
        guard (1...9999).contains(year) else { return nil }
        if case .rule = recurrence {
            return occurrences(from: LocalDate(year: year, month: 1, day: 1)!, through: LocalDate(year: year, month: 12, day: 31)!).first
        }
        if let originYear = origin.year, year < originYear { return nil }
        if recurrence == .once, year != origin.year { return nil }
        let date: LocalDate
        if origin.isLeapDay, !LocalDate.isLeapYear(year) {
            date = leapDay == .feb28
                ? LocalDate(year: year, month: 2, day: 28)!
                : LocalDate(year: year, month: 3, day: 1)!
        } else {
            date = LocalDate(year: year, month: origin.month, day: origin.day)!
        }
        if let until, date > until { return nil }
        let years = origin.year.map { year - $0 }
        return Occurrence(date: date, years: years, isMilestone: years.map { $0 > 0 && milestones.contains($0) } ?? false)
    }

    /// Occurrences whose local date lies in `start...end`, earliest first.
    public func occurrences(from start: LocalDate, through end: LocalDate) -> [Occurrence] {
        guard start <= end else { return [] }
        if case .rule = recurrence {
            return series?.entries(from: start, through: end).map { Occurrence(date: $0.date, years: nil, number: $0.number) } ?? []
        }
        var result: [Occurrence] = []
        var year = max(start.year, origin.year ?? start.year)
        if recurrence == .once { year = origin.year ?? year }
        while year <= end.year {
            if let occurrence = occurrence(inYear: year), occurrence.date >= start, occurrence.date <= end {
                result.append(occurrence)
            }
            if recurrence == .once { break }
            year += 1
        }
        return result
    }
}

// MARK: - Reminder Instants

extension Event {
    /// The instants at which reminders for an occurrence fire, one per lead, earliest first.
    ///
    /// Day and week leads count calendar days in the event's time zone, not multiples of 24 hours;
    /// a local time inside a DST gap fires just after the gap (see ``Foundation/TimeZone/instant(for:at:)``).
    public func reminders(for occurrence: Occurrence) -> [ReminderInstant] {
        var onTheDay: Date?
        return leads.map { lead in
            let instant: Date
            if let days = lead.calendarDays {
                instant = timeZone.instant(for: occurrence.date.adding(days: -days), at: time)
            } else {
                let eventInstant = onTheDay ?? timeZone.instant(for: occurrence.date, at: time)
                onTheDay = eventInstant
                instant = eventInstant.addingTimeInterval(-TimeInterval(lead.exactSeconds ?? 0))
            }
            return ReminderInstant(eventID: id, occurrence: occurrence, lead: lead, instant: instant)
        }
        .sorted { $0.instant < $1.instant }
    }

    /// Reminders that fire after `start` and no later than `end`: the half-open window `(start, end]`.
    public func reminders(after start: Date, through end: Date) -> [ReminderInstant] {
        guard start < end, let longest = leads.first else { return [] }
        // A reminder fires on or before its occurrence's date, by at most the longest lead.
        let first = timeZone.localDate(for: start).adding(days: -2)
        let last = timeZone.localDate(for: end).adding(days: longest.spanInDays + 2)
        return occurrences(from: first, through: last)
            .flatMap(reminders(for:))
            .filter { $0.instant > start && $0.instant <= end }
    }

    /// The first reminder that fires strictly after `instant`, or `nil` when none ever will.
    public func nextReminder(after instant: Date) -> ReminderInstant? {
        guard !leads.isEmpty else { return nil }
        if case .rule = recurrence { return nextRuleReminder(after: instant) }
        var year = max(timeZone.localDate(for: instant).year - 1, origin.year ?? 1)
        if recurrence == .once { year = origin.year ?? year }
        var best: ReminderInstant?
        // Each lead's instants grow with the year, so the first occurrence whose every reminder
        // lies after `instant` ends the search.
        while year <= 9999 {
            defer { year += 1 }
            guard let occurrence = occurrence(inYear: year) else {
                if recurrence == .once || (until.map { year > $0.year } ?? false) { break }
                continue
            }
            let reminders = reminders(for: occurrence)
            if let candidate = reminders.first(where: { $0.instant > instant }),
               best.map({ candidate.instant < $0.instant }) ?? true {
                best = candidate
            }
            if let earliest = reminders.first, earliest.instant > instant { break }
            if recurrence == .once { break }
        }
        return best
    }
}

// MARK: - Rule Events

extension Event {
    /// ``nextReminder(after:)`` for a rule event: from the occurrence two days before the
    /// instant's date (no earlier one can have a reminder after it), never from the series' start.
    private func nextRuleReminder(after instant: Date) -> ReminderInstant? {
        guard let series else { return nil }
        var entries = series.makeIterator(from: timeZone.localDate(for: instant).adding(days: -2))
        var best: ReminderInstant?
        // Each lead's instants grow with the date, so the first occurrence whose every reminder
        // lies after `instant` ends the search.
        while let entry = entries.next() {
            let reminders = reminders(for: Occurrence(date: entry.date, years: nil, number: entry.number))
            if let candidate = reminders.first(where: { $0.instant > instant }), best.map({ candidate.instant < $0.instant }) ?? true {
                best = candidate
            }
            if let earliest = reminders.first, earliest.instant > instant { break }
        }
        return best
    }
}
