/// Why the calendar database could not do what was asked. Descriptions name the file and what to do.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// The file or its folder cannot be written.
    case readOnly(path: String)
    /// Another process holds a lock for longer than the busy timeout.
    case locked(path: String)
    /// The disk holding the database (or its write-ahead log) has no room left.
    case full(path: String)
    /// The operating system failed a read or write of the database's files.
    case ioFailure(path: String, message: String)
    /// The file cannot be opened or created.
    case cannotOpen(path: String, reason: String)
    /// The database was written by a newer anniversaryd.
    case newerSchema(path: String, version: Int)
    case eventExists(id: String)
    case eventNotFound(id: String)
    case deliveryNotFound(id: String)
    /// The event is defined in an event file; edit the file instead.
    case eventFromFile(id: String)
    /// Event files define these ids, which the database holds as events added from the command
    /// line: a file never takes one over.
    case fileEventsShadowCLIEvents(ids: [String])
    /// Any other SQLite failure.
    case sqlite(path: String, message: String)

    public var description: String {
        switch self {
        case .notADatabase(let path): "\(path): not an SQLite database; point --database at another file"
        case .readOnly(let path): "\(path): the database is read-only; check the permissions of the file and its folder"
        case .locked(let path): "\(path): the database is locked by another process; try again"
        case .full(let path): "\(path): the disk holding the database is full; free some space"
        case .ioFailure(let path, let message): "\(path): the database's files cannot be read or written: \(message)"
        case .cannotOpen(let path, let reason): "\(path): cannot open the database: \(reason)"
        case .newerSchema(let path, let version): "\(path): written by a newer anniversaryd (schema \(version)); upgrade this one"
        case .eventExists(let id): "an event with id \"\(id)\" already exists"
        case .eventNotFound(let id): "no event with id \"\(id)\""
        case .deliveryNotFound(let id): "no delivery with id \"\(id)\""
        case .eventFromFile(let id): "event \"\(id)\" comes from an event file; edit or remove it there"
        case .fileEventsShadowCLIEvents(let ids):
            "event files define \(ids.map { "\"\($0)\"" }.joined(separator: ", ")), already added with `events add`; rename it in the file or remove the other with `anniversaryd events remove`"
        case .sqlite(let path, let message): "\(path): \(message)"
        }
    }

    /// Whether the condition can pass without anyone changing anniversaryd or its files: another
    /// process's lock, a full disk, a file system that is read-only or failing for now. The daemon
    /// waits these out; the command line reports them.
    public var isTransient: Bool {
        switch self {
        case .locked, .full, .readOnly, .ioFailure: true
        case .notADatabase, .cannotOpen, .newerSchema, .eventExists, .eventNotFound, .deliveryNotFound, .eventFromFile,
             .fileEventsShadowCLIEvents, .sqlite: false
        }
    }
}
