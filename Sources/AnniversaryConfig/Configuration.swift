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
    /// Where each event's id is written in its file, for problems found beyond the files (an id
    /// the database already holds).
    public var eventPlaces: [String: Diagnostic.Place] = [:]

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

    /// A problem with the event `id`, at its id in its file (or the configuration file, when the
    /// event is not from a file).
    public func diagnostic(forEvent id: String, _ message: String) -> Diagnostic {
        Diagnostic(at: eventPlaces[id] ?? Diagnostic.Place(file: path, line: 0, column: 0), message: message)
    }

    /// The error for file events whose ids the database already holds as events added from the
    /// command line: one diagnostic at each id.
    public func idsTakenByCLIEvents(_ ids: [String]) -> ConfigurationError {
        ConfigurationError(diagnostics: ids.map { id in
            diagnostic(forEvent: id, "event id \"\(id)\" is already taken by an event added with `events add`; "
                + "rename this one, or remove the other with `anniversaryd events remove \(id)`")
        })
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
