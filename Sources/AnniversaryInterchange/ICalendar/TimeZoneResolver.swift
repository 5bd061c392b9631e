import AnniversaryCore
import Foundation

/// Finds the IANA zone a TZID stands for: the name itself, an IANA name at the end of a path
/// (`/mozilla.org/20050126_1/Europe/Berlin`), a Windows name through CLDR's table, or else the
/// IANA zone whose offsets agree with the file's VTIMEZONE around `now`.
struct TimeZoneResolver {
    private let definitions: [String: VTimeZone]
    private let now: Date
    private var resolved: [String: String] = [:]

    init(definitions: [VTimeZone], now: Date) {
        self.definitions = Dictionary(definitions.map { ($0.tzid, $0) }, uniquingKeysWith: { first, _ in first })
        self.now = now
    }

    /// The IANA identifier for `tzid`, used on `line` for a time in `year`.
    mutating func identifier(for tzid: String, line: Int, year: Int) throws(InterchangeError) -> String {
        if let known = resolved[tzid] { return known }
        let identifier = try resolve(tzid, line: line, year: year)
        resolved[tzid] = identifier
        return identifier
    }

    private func resolve(_ tzid: String, line: Int, year used: Int) throws(InterchangeError) -> String {
        let parts = tzid.split(separator: "/")
        for start in parts.indices {
            let name = parts[start...].joined(separator: "/")
            if let identifier = Self.ianaIdentifier(name) { return identifier }
        }
        if let identifier = WindowsZones.ianaIdentifiers[tzid.trimmingWhitespace] { return identifier }
        guard let definition = definitions[tzid] else {
            throw InterchangeError(line: line, "time zone \"\(tzid)\" is neither an IANA nor a Windows name, and the file has no VTIMEZONE for it")
        }
        if let location = definition.location, let identifier = Self.ianaIdentifier(location) { return identifier }
        let year = TimeZone.gmt.localDate(for: now).year
        let recent = (year - 1)...(year + 2)
        if let match = match(definition, over: recent) { return match }
        // Rules that no longer hold (Outlook still describes Brazil's summer time, which ended in
        // 2019) are compared where the file uses them, then where they were last in force.
        let lastStart = definition.observances.map(\.start.date.year).max() ?? year
        for years in [used...used, lastStart...(lastStart + 2)] where !years.overlaps(recent) {
            if let match = match(definition, over: years) { return match }
        }
        throw InterchangeError(
            line: definition.line,
            "VTIMEZONE \"\(tzid)\" matches no IANA time zone: no zone has its UTC offsets and changes in \(recent.lowerBound)-\(recent.upperBound)"
        )
    }

    /// The best of the IANA zones that agree with `definition` at every sample: one whose city
    /// the TZID names ("(UTC+01:00) Amsterdam, Berlin, …"), else CLDR's zone for a Windows
    /// region, else the first by name.
    private func match(_ definition: VTimeZone, over years: ClosedRange<Int>) -> String? {
        guard let samples = definition.samples(in: years) else { return nil }
        let matches = Self.candidates.filter { zone in
            samples.allSatisfy { zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double($0.epochSecond))) == $0.offset }
        }.map(\.identifier)
        guard !matches.isEmpty else { return nil }
        let text = definition.tzid.lowercased()
        func cityPosition(_ identifier: String) -> String.Index? {
            guard let city = identifier.split(separator: "/").last?.replacingOccurrences(of: "_", with: " ").lowercased() else { return nil }
            return text.range(of: city)?.lowerBound
        }
        if let named = matches.compactMap({ id in cityPosition(id).map { (id, $0) } }).min(by: { $0.1 < $1.1 }) { return named.0 }
        return matches.first(where: Self.cldrZones.contains) ?? matches.first
    }

    /// An IANA identifier, as Foundation spells it, for a zone file name; nil for anything else.
    static func ianaIdentifier(_ name: String) -> String? {
        let name = name.trimmingWhitespace
        if ["UTC", "GMT", "Z"].contains(name.uppercased()) { return "UTC" }
        guard name.contains("/"), name.first?.isLetter == true, TimeZone(identifier: name) != nil else { return nil }
        return name
    }

    private static let candidates: [TimeZone] = TimeZone.knownTimeZoneIdentifiers.sorted().compactMap(TimeZone.init(identifier:))
    private static let cldrZones = Set(WindowsZones.ianaIdentifiers.values)
}
