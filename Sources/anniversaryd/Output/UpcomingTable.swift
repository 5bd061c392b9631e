import AnniversaryCore
import Foundation

/// The `upcoming` table, written row by row: fixed column widths, so no row waits for the others.
struct UpcomingTable {
    static let width = 80
    let whenWidth: Int
    static let yearsWidth = 8
    /// Most dates share their reminders' description with many others: describe (and wrap) each once.
    private var descriptions: [ReminderTimesKey: [UInt8]] = [:]
    private static let indent = String(repeating: " ", count: 12)
    /// The date, weekday and "when" columns, the same for every row of a day.
    private var dayColumns: (date: LocalDate, bytes: [UInt8])?

    init(longestWhen: String) {
        whenWidth = max("WHEN".count, longestWhen.count)
    }

    var header: String {
        "DATE        DAY  " + Self.pad("WHEN", whenWidth) + "  " + Self.pad("YEARS", Self.yearsWidth) + "  EVENT"
    }

    /// Appends the date's row and the lines describing its reminders.
    mutating func append(_ date: UpcomingDate, to output: inout OutputBuffer) {
        let day = date.occurrence.date
        if dayColumns?.date != day {
            dayColumns = (day, Array("\(day)  \(day.weekdaySymbol)  \(Self.pad(date.when, whenWidth))  ".utf8))
        }
        // A rule event's column gives its place in the series: #71.
        var years = date.event.series != nil
            ? date.occurrence.number.map { "#\($0)" } ?? ""
            : date.occurrence.ordinal ?? (date.occurrence.years == 0 ? "origin" : "")
        if date.occurrence.isMilestone { years += " ★" }
        let titleWidth = Self.width - (10 + 2 + 3 + 2 + whenWidth + 2 + Self.yearsWidth + 2)
        let title = Table.truncate(date.event.title, to: max(10, titleWidth))
        output.appendLine { row in
            row += dayColumns!.bytes
            row += Self.pad(years, Self.yearsWidth).utf8
            row += "  ".utf8
            row += title.utf8
            while row.last == UInt8(ascii: " ") { row.removeLast() }
        }
        let key = ReminderTimesKey(date)
        let note = descriptions[key] ?? {
            let text = "fires " + Self.describe(date.reminders, of: date.occurrence, in: date.event.timeZone)
            let note = Table.wrap(text, to: Self.width - Self.indent.count).reduce(into: [UInt8]()) { note, line in
                note += (Self.indent + line + "\n").utf8
            }
            descriptions[key] = note
            return note
        }()
        output.append(bytes: note)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        // ASCII (most of what is padded) counts its bytes, not its grapheme clusters.
        let count = text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }

    /// "2026-12-28, 2027-01-20 and on the day, 09:00 Asia/Ulaanbaatar"; each with its own time
    /// when the times differ.
    static func describe(_ reminders: [ReminderInstant], of occurrence: Occurrence, in zone: TimeZone) -> String {
        let days = reminders.map { zone.localDate(for: $0.instant) }
        let times = reminders.map { zone.timeOfDay(for: $0.instant) }
        let names = days.map { $0 == occurrence.date ? "on the day" : $0.description }
        if Set(times).count == 1, let time = times.first {
            let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + names.last! : names.joined()
            return "\(list), \(time) \(zone.name)"
        }
        return zip(names, times).map { "\($0) \($1)" }.joined(separator: ", ") + " \(zone.name)"
    }
}
