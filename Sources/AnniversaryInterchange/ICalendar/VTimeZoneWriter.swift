import AnniversaryCore
import Foundation

/// A VTIMEZONE for an IANA zone, as its rules stand around a year: a yearly RRULE per kind of
/// change where the changes follow one ("last Sunday of March"), else their dates one by one.
enum VTimeZoneWriter {
    static func lines(for zone: TimeZone, around year: Int) -> [String] {
        let start = Date(timeIntervalSince1970: Double(LocalDate(year: year - 1, month: 1, day: 1)!.daysSinceEpoch * 86_400))
        let end = Date(timeIntervalSince1970: Double(LocalDate(year: year + 11, month: 1, day: 1)!.daysSinceEpoch * 86_400))
        var transitions: [Date] = []
        var cursor = start
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end, transitions.count < 100 {
            transitions.append(next)
            cursor = next
        }
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(zone.identifier)"]
        guard !transitions.isEmpty else {
            let offset = offsetText(zone.secondsFromGMT(for: start))
            lines += ["BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:\(offset)", "TZOFFSETTO:\(offset)", "END:STANDARD"]
            return lines + ["END:VTIMEZONE"]
        }
        // Changes into and out of daylight time, each kind with its onsets as local times.
        for isDaylight in [false, true] {
            let onsets = transitions.filter { zone.isDaylightSavingTime(for: $0) == isDaylight }
            guard let first = onsets.first else { continue }
            let from = zone.secondsFromGMT(for: first.addingTimeInterval(-1)), to = zone.secondsFromGMT(for: first)
            let locals = onsets.map { local($0, offset: zone.secondsFromGMT(for: $0.addingTimeInterval(-1))) }
            let kind = isDaylight ? "DAYLIGHT" : "STANDARD"
            lines += ["BEGIN:\(kind)", "TZOFFSETFROM:\(offsetText(from))", "TZOFFSETTO:\(offsetText(to))", "DTSTART:\(locals[0].description)"]
            if let rule = yearlyRule(locals) {
                lines.append("RRULE:\(rule)")
            } else if locals.count > 1 {
                lines.append("RDATE:" + locals.dropFirst().map(\.description).joined(separator: ","))
            }
            lines.append("END:\(kind)")
        }
        return lines + ["END:VTIMEZONE"]
    }

    /// `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU` when the onsets fall once a year, at one time, on the
    /// last or the nth weekday of one month; nil otherwise.
    private static func yearlyRule(_ onsets: [ICalendarDateTime]) -> String? {
        guard let first = onsets.first, onsets.count >= 2 else { return nil }
        let years = onsets.map(\.date.year)
        guard zip(years, years.dropFirst()).allSatisfy({ $1 == $0 + 1 }), onsets.allSatisfy({ $0.time == first.time }) else { return nil }
        func reading(_ onset: ICalendarDateTime, last: Bool) -> String? {
            let date = onset.date
            let isLast = date.day + 7 > LocalDate.numberOfDays(inMonth: date.month, year: date.year)
            if last, !isLast { return nil }
            let ordinal = last ? -1 : (date.day - 1) / 7 + 1
            return "FREQ=YEARLY;BYMONTH=\(date.month);BYDAY=\(ordinal)\(date.weekdaySymbol.prefix(2).uppercased())"
        }
        for last in [true, false] {
            let readings = onsets.map { reading($0, last: last) }
            if let rule = readings[0], readings.allSatisfy({ $0 == rule }) { return rule }
        }
        return nil
    }

    private static func local(_ instant: Date, offset: Int) -> ICalendarDateTime {
        let seconds = Int(instant.timeIntervalSince1970) + offset
        let date = LocalDate(daysSinceEpoch: (seconds - ((seconds % 86_400) + 86_400) % 86_400) / 86_400)
        let time = seconds - date.daysSinceEpoch * 86_400
        return ICalendarDateTime(date: date, time: TimeOfDay(hour: time / 3600, minute: time / 60 % 60, second: time % 60))
    }

    static func offsetText(_ seconds: Int) -> String {
        let magnitude = abs(seconds)
        let text = (seconds < 0 ? "-" : "+") + pad(magnitude / 3600, 2) + pad(magnitude / 60 % 60, 2)
        return magnitude % 60 == 0 ? text : text + pad(magnitude % 60, 2)
    }
}
