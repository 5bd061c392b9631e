import ArgumentParser
import Foundation

/// The formats `events import` and `events export` read and write.
enum EventFileFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, json

    /// The format a file name implies.
    init?(path: String) {
        self.init(rawValue: (path as NSString).pathExtension.lowercased())
    }
}
