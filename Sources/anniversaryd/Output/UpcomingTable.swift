import AnniversaryCore

/// The `upcoming` table, written row by row: fixed column widths, so no row waits for the others.
struct UpcomingTable {
    static let width = 80
    let whenWidth: Int
    static let yearsWidth = 8
    /// Most dates share their reminders' description with many others: describe each once.
    private var descriptions: [ReminderTimesKey: String] = [:]

    init(longestWhen: String) {
        whenWidth = max("WHEN".count, longestWhen.count)
    }

    var header: String {
        "DATE        DAY  " + Self.pad("WHEN", whenWidth) + "  " + Self.pad("YEARS", Self.yearsWidth) + "  EVENT"
    }

    mutating func lines(for date: UpcomingDate) -> [String] {
        var years = date.occurrence.ordinal ?? (date.occurrence.years == 0 ? "origin" : "")
        if date.occurrence.isMilestone { years += " ★" }
        let titleWidth = Self.width - (10 + 2 + 3 + 2 + whenWidth + 2 + Self.yearsWidth + 2)
        let first = "\(date.occurrence.date)  \(date.occurrence.date.weekdaySymbol)  " + Self.pad(date.when, whenWidth) + "  " +
            Self.pad(years, Self.yearsWidth) + "  " + Table.truncate(date.event.title, to: max(10, titleWidth))
        let key = ReminderTimesKey(date)
        let note = descriptions[key] ?? {
            let text = "fires " + UpcomingCommand.describe(date.reminders, of: date.occurrence, in: date.event.timeZone)
            descriptions[key] = text
            return text
        }()
        let indent = String(repeating: " ", count: 12)
        return [first.trimmingTrailingSpaces()] + Table.wrap(note, to: Self.width - indent.count).map { indent + $0 }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
