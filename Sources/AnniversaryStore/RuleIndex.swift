import AnniversaryCore
import GRDB

/// How `upcoming` finds the rule events with a date in a window without reading them all.
///
/// Each rule event's row holds `next_occurrence`, its first date on or after `occurs_from` (a
/// day or two before the reference its schedule was computed after; the daemon moves both on
/// as it plans). For a window starting on or after `occurs_from`, an event with a date in the
/// window has `next_occurrence` at or before the window's end; rows written for a later
/// reference than the window's start are read whatever their next date. Both reads are ranges
/// of partial indexes over the rule events alone (schema v5).
enum RuleIndex {
    static func queries(from start: LocalDate, through end: LocalDate) -> [(sql: String, arguments: StatementArguments)] {
        let rules = "key < \(EventKey.perMonthDay)"
        return [
            (EventColumns.select + " WHERE \(rules) AND next_occurrence <= ?", [end.description]),
            (EventColumns.select + " WHERE \(rules) AND occurs_from > ? AND (next_occurrence IS NULL OR next_occurrence > ?)",
             [start.description, end.description]),
        ]
    }
}
