import AnniversaryCore
import Foundation

/// The daemon's validated configuration: the config file and the event files it names.
///
/// Load it with ``Configuration/load(from:environment:)``; every value here has been checked.
public struct Configuration: Sendable {
    /// The configuration file this was loaded from.
    public var path: String
    /// The SQLite database. Default: `$STATE_DIRECTORY/calendar.sqlite`, else `./anniversaryd.sqlite`.
    public var databasePath: String
    /// Defaults and tag rules for events.
    public var policy: SchedulePolicy
    /// After downtime, reminders at most this late are still sent; older ones are recorded as
    /// missed. Default: 24 hours.
    public var catchUp: Duration
    /// Channels by name; always includes `log`.
    public var channels: [String: ChannelConfiguration]
    /// `trace`, `debug`, `info` (default), `notice`, `warning`, `error` or `critical`.
    public var logLevel: String?
    /// The events from the event files, in file order.
    public var events: [EventDefinition]
    /// The event files that were read.
    public var eventFiles: [String]

    public init(
        path: String,
        databasePath: String,
        policy: SchedulePolicy = SchedulePolicy(),
        catchUp: Duration = .seconds(86_400),
        channels: [String: ChannelConfiguration] = ["log": ChannelConfiguration(name: "log", kind: .log)],
        logLevel: String? = nil,
        events: [EventDefinition] = [],
        eventFiles: [String] = []
    ) {
        self.path = path
        self.databasePath = databasePath
        self.policy = policy
        self.catchUp = catchUp
        self.channels = channels
        self.logLevel = logLevel
        self.events = events
        self.eventFiles = eventFiles
    }

    /// The default configuration file: `$ANNIVERSARYD_CONFIG`, else `/etc/anniversaryd/anniversaryd.yaml`.
    public static func defaultPath(environment: [String: String]) -> String {
        environment["ANNIVERSARYD_CONFIG"] ?? "/etc/anniversaryd/anniversaryd.yaml"
    }

    /// The database when the file names none: `$STATE_DIRECTORY/calendar.sqlite` under systemd,
    /// else `anniversaryd.sqlite` in the working directory.
    public static func defaultDatabasePath(environment: [String: String]) -> String {
        if let state = environment["STATE_DIRECTORY"]?.split(separator: ":").first {
            return "\(state)/calendar.sqlite"
        }
        return "anniversaryd.sqlite"
    }
}
