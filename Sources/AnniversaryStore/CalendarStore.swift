import AnniversaryCore
import CSQLiteSetup
import Foundation
import GRDB
import Synchronization

/// The calendar database: events, the next-due index, the outbox and the high-water mark.
///
/// One `CalendarStore` owns one SQLite connection in WAL mode, so the daemon and the command line
/// can use the same file at once; writers wait up to five seconds for each other's locks.
///
/// ```swift
/// let store = try CalendarStore(path: "calendar.sqlite")
/// try store.syncFileEvents(configuration.events, policy: configuration.policy, now: .now)
/// let next = try store.fetchNextFireDate()
/// ```
public final class CalendarStore: Sendable {
    public let path: String
    let writer: any DatabaseWriter
    /// SQLite's `data_version` when last asked: it moves only when another connection commits.
    private let dataVersion = Mutex<Int?>(nil)
    let checkpointer: WALCheckpointer?

    /// Bytes per page of a new database file.
    static let pageSize = 8192

    /// Page cache for everyday work (SQLite's default is 2 MiB): adding events to a large calendar
    /// otherwise re-reads index pages from disk for every row.
    static let pageCacheKiB = 16384
    /// Page cache for a bulk import: its index builds sort in memory instead of through temporary
    /// files, and fewer pages are written to the log more than once.
    static let bulkPageCacheKiB = 65536

    static func setPageCache(kibibytes: Int, _ db: Database) throws {
        try db.execute(sql: "PRAGMA cache_size = -\(kibibytes)")
    }

    /// Sets SQLite up for a process whose connections are each used on one thread at a time, as
    /// GRDB uses them: no mutex per call, no global mutex per allocation. (A million-event import
    /// took 36 million mutex operations for its bound values alone.)
    ///
    /// Call once, first thing in `main`, before any store opens: SQLite ignores it afterwards.
    public static func configureSQLiteForThisProcess() {
        _ = CSQLiteSetup_configureForOneThreadPerConnection()
    }

    /// Opens (creating if needed) and migrates the database at `path`.
    ///
    /// - Parameters:
    ///   - busyTimeout: How long a write waits for another process's lock. Default: 5 s.
    ///   - checkpointsInBackground: Whether the write-ahead log is copied into the database on a
    ///     thread of its own (``WALCheckpointer``) instead of inside the commit that fills it: for
    ///     the daemon, whose commits send reminders.
    /// - Throws: ``StoreError`` when the file is not SQLite, is read-only, is locked, or was
    ///   written by a newer version.
    public init(path: String, busyTimeout: Duration = .seconds(5), checkpointsInBackground: Bool = false) throws(StoreError) {
        self.path = path
        let checkpointer = checkpointsInBackground ? WALCheckpointer(path: path) : nil
        self.checkpointer = checkpointer
        var configuration = GRDB.Configuration()
        // WAL mode is set below rather than by GRDB's `.wal`, which writes to the database at every
        // open whose write-ahead log is empty: a command that only reads would then wait for
        // another process's write lock (the empty log GRDB guards against matters to pools only).
        configuration.journalMode = .default
        configuration.busyMode = .timeout(busyTimeout.timeInterval)
        configuration.label = "anniversaryd"
        configuration.prepareDatabase { db in
            // For a new file only (a page size is fixed once there are tables): 8 KiB pages halve
            // the pages a bulk import splits and writes; a million-event import is 5 % faster.
            try db.execute(sql: "PRAGMA page_size = \(CalendarStore.pageSize)")
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try CalendarStore.setPageCache(kibibytes: CalendarStore.pageCacheKiB, db)
            // In WAL mode, NORMAL syncs at checkpoints instead of at every commit: a commit costs
            // no fsync, which kept a reminder waiting up to 0.2 s behind the outbox's writes. A
            // crash of the process loses nothing; a power cut may roll back the last commits, and
            // since the mark and its outbox rows are one transaction, that re-sends reminders
            // under the same ids (at least once, never lost).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            checkpointer?.install(on: db)
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = Self.migrator
            // Read first: a database already up to date is opened without the write lock, so a
            // command that only reads is not held up by another process's writes.
            let isCurrent = try queue.read { db in
                let applied = try migrator.appliedIdentifiers(db)
                let known = Set(migrator.migrations)
                if applied.contains(where: { !known.contains($0) }) {
                    throw StoreError.newerSchema(path: path, version: applied.count)
                }
                return try migrator.hasCompletedMigrations(db)
            }
            if !isCurrent { try migrator.migrate(queue) }
            writer = queue
        } catch let error as StoreError {
            checkpointer?.stop()
            throw error
        } catch {
            checkpointer?.stop()
            throw Self.storeError(error, path: path)
        }
    }

    deinit {
        checkpointer?.stop()
    }

    /// Whether another process (the command line) has committed a change since the last call.
    /// The first call answers `false`.
    public func hasChangedElsewhere() throws(StoreError) -> Bool {
        let current = try perform { try writer.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 } }
        return dataVersion.withLock { last in
            defer { last = current }
            return last.map { $0 != current } ?? false
        }
    }

    /// Runs a database operation, turning GRDB's errors into ``StoreError``.
    func perform<T>(_ operation: () throws -> T) throws(StoreError) -> T {
        do {
            return try operation()
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    static func storeError(_ error: any Error, path: String) -> StoreError {
        guard let error = error as? DatabaseError else { return .sqlite(path: path, message: "\(error)") }
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notADatabase(path: path)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
        case .SQLITE_FULL: return .full(path: path)
        case .SQLITE_IOERR: return .ioFailure(path: path, message: error.message ?? "\(error.extendedResultCode)")
        case .SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: "the file or its folder is missing or not accessible")
        case .SQLITE_PERM, .SQLITE_AUTH: return .readOnly(path: path)
        default: return .sqlite(path: path, message: error.message ?? "\(error.resultCode)")
        }
    }
}

// MARK: - State

extension CalendarStore {
    enum StateKey: String {
        /// Every reminder instant up to this one has become outbox rows (epoch seconds).
        case mark
        /// The ``SchedulePolicy/fingerprint`` the stored next-fire dates were computed with.
        case policy
        /// A digest of the event files' events as last synced.
        case files
    }

    func state(_ key: StateKey, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM state WHERE key = ?", arguments: [key.rawValue])
    }

    func setState(_ key: StateKey, _ value: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [key.rawValue, value]
        )
    }

    func mark(in db: Database) throws -> Date? {
        try state(.mark, in: db).flatMap(Double.init).map(Date.init(timeIntervalSince1970:))
    }

    /// The high-water mark: every reminder instant up to it has been planned. `nil` before the
    /// daemon's first start.
    public func fetchMark() throws(StoreError) -> Date? {
        try perform { try writer.read { try mark(in: $0) } }
    }
}
