import Foundation

extension Date {
    /// RFC 3339 with the offset of `zone`: `2027-01-27T09:00:00+08:00`, `…Z` in UTC.
    public func iso8601(in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: self)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        let suffix = offset == 0 ? "Z" : "\(sign)\(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes)"
        var time = zone.timeOfDay(for: self).description
        if time.count == 5 { time += ":00" }
        return "\(zone.localDate(for: self))T\(time)\(suffix)"
    }
}
