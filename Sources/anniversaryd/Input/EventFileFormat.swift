import ArgumentParser
import Foundation

/// The formats `events import` and `events export` read and write.
enum EventFileFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, json, ics, vcf

    /// The format a file name implies.
    init?(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "ical", "ifb", "icalendar": self = .ics
        case "vcard": self = .vcf
        case let name: self.init(rawValue: name)
        }
    }
}
