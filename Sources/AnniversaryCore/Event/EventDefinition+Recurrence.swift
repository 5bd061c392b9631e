import Foundation

extension EventDefinition {
    /// What is wrong with how the event recurs, by the key at fault (`date`, `recurrence`,
    /// `exdates` or `rdates`): the checks event files and the command line share.
    public var recurrenceProblems: [(key: String, message: String)] {
        var problems: [(key: String, message: String)] = []
        guard let rule = recurrence.rule else {
            if recurrence == .once, origin.year == nil { problems.append(("date", "a once event needs a full date with its year")) }
            for (key, dates) in [("exdates", exdates), ("rdates", rdates)] where !dates.isEmpty {
                problems.append((key, "\(key) belong to an event with a recurrence rule; this one recurs \(recurrence)"))
            }
            return problems
        }
        guard let start = origin.localDate else {
            return [("date", "an event with a recurrence rule needs a full date with its year: the date is the rule's first occurrence (DTSTART)")]
        }
        if case .until(let until) = rule.end {
            let last: LocalDate = switch until {
            case .date(let date), .local(let date, _): date
            // A UTC instant's date is at most a day off the local one.
            case .instant(let instant): TimeZone.gmt.localDate(for: instant).adding(days: 1)
            }
            if last < start { problems.append(("recurrence", "the rule's UNTIL is before the event's date \(start), so it has no dates")) }
        }
        if let early = rdates.first(where: { $0 < start }) {
            problems.append(("rdates", "rdate \(early) is before the event's date \(start), which is always its first occurrence"))
        }
        return problems
    }
}
