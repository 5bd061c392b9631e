import Foundation

extension TimeZone {
    /// The zone's name as output shows it: its identifier, except that Foundation names the zone
    /// read from `UTC` "GMT". They are the same zone; the configuration and its examples say UTC.
    public var name: String {
        identifier == "GMT" ? "UTC" : identifier
    }
}
