import AnniversaryCore
import Foundation
import GRDB

// MARK: - Writing Events

extension CalendarStore {
    /// What a sync changed.
    public struct SyncResult: Hashable, Sendable {
        public var inserted = 0
        public var updated = 0
        public var removed = 0
        /// Whether anything was read beyond the stored digests.
        public var didScan = false
    }

    /// Makes the database's file events match `events`: new ones added, changed ones updated,
    /// ones no longer in any file removed. CLI events are untouched. When neither the files nor
    /// the policy changed, this reads two rows and takes no write lock.
    ///
    /// - Throws: ``StoreError/fileEventsShadowCLIEvents(ids:)``, changing nothing, when a file
    ///   defines an id the database holds as a CLI event.
    ///
    /// Next-fire dates are computed after the high-water mark, or after `now` when that is earlier
    /// (before the first run, or while reminders are planned ahead of now).
    @discardableResult
    public func syncFileEvents(_ events: [EventDefinition], policy: SchedulePolicy, now: Date) throws(StoreError) -> SyncResult {
        let digest = Self.digest(of: events)
        // Read first: when nothing changed, no write lock is taken, so a command that only reads
        // answers while another process writes.
        let isSynced = try perform {
            try writer.read { db in try state(.policy, in: db) == policy.fingerprint && state(.files, in: db) == digest }
        }
        if isSynced { return SyncResult() }
        return try perform {
            try writer.write { db in
                var result = SyncResult()
                let policyChanged = try state(.policy, in: db) != policy.fingerprint
                if !policyChanged, try state(.files, in: db) == digest { return result }
                result.didScan = true
                let reference = try scheduleReference(in: db, now: now)
                var stored: [String: StoredEvent] = [:]
                let rows = try Row.fetchCursor(db, sql: EventColumns.select + " WHERE source = 'file'")
                while let row = try rows.next() {
                    let event = StoredEvent(row: row)
                    stored[event.definition.id] = event
                }
                let shadowed = try cliEventIDs(among: events.lazy.map(\.id).filter { stored[$0] == nil }, db)
                guard shadowed.isEmpty else { throw StoreError.fileEventsShadowCLIEvents(ids: shadowed) }
                let delete = try db.cachedStatement(sql: "DELETE FROM event WHERE id = ?")
                let insert = try EventInsert(db)
                for definition in events {
                    if let existing = stored.removeValue(forKey: definition.id), existing.definition == definition { continue }
                    try delete.execute(arguments: [definition.id])
                    if db.changesCount > 0 { result.updated += 1 } else { result.inserted += 1 }
                    try schedule(definition, source: .file, policy: policy, after: reference, with: insert)
                }
                for id in stored.keys {
                    try db.execute(sql: "DELETE FROM event WHERE id = ?", arguments: [id])
                    result.removed += 1
                }
                if policyChanged {
                    try reschedule(db, policy: policy, after: reference)
                    try setState(.policy, policy.fingerprint, in: db)
                }
                try setState(.files, digest, in: db)
                return result
            }
        }
    }

    /// Those of `ids` that the database holds as events added from the command line, in order:
    /// what a sync of event files with these ids would refuse.
    public func cliEventIDs(among ids: [String]) throws(StoreError) -> [String] {
        try perform { try writer.read { db in try cliEventIDs(among: ids, db) } }
    }

    private func cliEventIDs(among ids: some Sequence<String>, _ db: Database) throws -> [String] {
        let cliEvent = try db.cachedStatement(sql: "SELECT 1 FROM event WHERE id = ? AND source = 'cli'")
        return try ids.filter { try Bool.fetchOne(cliEvent, arguments: [$0]) != nil }
    }

    /// Adds events from the command line, in one transaction: all or none.
    ///
    /// - Parameter replacing: When true, an existing CLI event with the same id is replaced.
    /// - Throws: ``StoreError/eventExists(id:)`` for a taken id (unless replacing), or
    ///   ``StoreError/eventFromFile(id:)`` when an event file owns it.
    public func addEvents(_ events: [EventDefinition], replacing: Bool = false, policy: SchedulePolicy, now: Date) throws(StoreError) {
        do {
            try addEvents(replacing: replacing, now: now, expectedCount: events.count) { reference in
                var preparer = EventPreparer(policy: policy, after: reference)
                var batch: EventRows? = EventRows(events, preparer: &preparer)
                return { defer { batch = nil }; return batch }
            }
        } catch {
            // Only the store can fail here: the batch is ready.
            throw error as? StoreError ?? .sqlite(path: path, message: "\(error)")
        }
    }

    /// Adds events handed over a batch at a time, in one transaction: all or none.
    ///
    /// When the events outnumber the stored ones (a first import), the indexes over the table are
    /// dropped and built again once the rows are in: sorting a million keys once is about twice
    /// as fast as a million inserts at random places in them.
    ///
    /// - Parameters:
    ///   - replacing: When true, an existing CLI event with the same id is replaced.
    ///   - expectedCount: About how many events the batches hold.
    ///   - batches: Called once, inside the transaction, with the instant next reminders are
    ///     computed after; returns the function giving the next batch (nil after the last).
    ///     Rows in key order (as ``EventRows/init(_:preparer:)`` puts them) are written fastest.
    /// - Throws: ``StoreError/eventExists(id:)`` for a taken id (unless replacing) or
    ///   ``StoreError/eventFromFile(id:)`` when an event file owns it, other `StoreError`s, or
    ///   whatever `batches` threw, unchanged.
    public func addEvents(
        replacing: Bool = false, now: Date, expectedCount: Int,
        batches: (_ reference: Date) -> () throws -> EventRows?
    ) throws {
        var batchFailure: (any Error)?
        do {
            try perform {
                try writer.write { db in
                    let reference = try scheduleReference(in: db, now: now)
                    let stored = try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0
                    let rebuildsIndexes = expectedCount > stored && (stored == 0 || !replacing)
                    if rebuildsIndexes {
                        try EventIndexes.drop(db)
                        try Self.setPageCache(kibibytes: Self.bulkPageCacheKiB, db)
                    }
                    defer { if rebuildsIndexes { try? Self.setPageCache(kibibytes: Self.pageCacheKiB, db) } }
                    let deleteCLIEvent = try db.cachedStatement(sql: "DELETE FROM event WHERE id = ? AND source = 'cli'")
                    let insert = try EventInsert(db)
                    let next = batches(reference)
                    while true {
                        let batch: EventRows?
                        do { batch = try next() } catch {
                            batchFailure = error
                            throw BatchFailed()  // rolls back
                        }
                        guard let batch else { break }
                        do {
                            if replacing {
                                for row in 0..<batch.count {
                                    try deleteCLIEvent.execute(arguments: [batch.id(at: row)])
                                    try insert.execute(batch, row..<row + 1, source: .cli)
                                }
                            } else {
                                try insert.execute(batch, source: .cli)
                            }
                        } catch let taken as EventInsert.Taken {
                            throw try takenIDError(taken.id, db)
                        }
                    }
                    if rebuildsIndexes {
                        do {
                            try EventIndexes.create(db)
                        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                            let taken = try String.fetchOne(db, sql: "SELECT id FROM event GROUP BY id HAVING count(*) > 1 LIMIT 1")
                            throw try takenIDError(taken ?? "", db)
                        }
                    }
                }
            }
        } catch {
            throw batchFailure ?? error
        }
    }

    private struct BatchFailed: Error {}

    /// Says who holds an id an insert found taken. (Checking before every insert would double a
    /// bulk import's work.)
    private func takenIDError(_ id: String, _ db: Database) throws -> StoreError {
        let sources = try String.fetchAll(db, sql: "SELECT source FROM event WHERE id = ?", arguments: [id])
        return sources.contains(StoredEvent.Source.file.rawValue) ? .eventFromFile(id: id) : .eventExists(id: id)
    }

    /// Removes a CLI event.
    ///
    /// - Throws: ``StoreError/eventNotFound(id:)``, or ``StoreError/eventFromFile(id:)`` for an
    ///   event an event file defines.
    public func removeEvent(id: String) throws(StoreError) {
        try perform {
            try writer.write { db in
                guard let source = try String.fetchOne(db, sql: "SELECT source FROM event WHERE id = ?", arguments: [id]) else {
                    throw StoreError.eventNotFound(id: id)
                }
                if source == StoredEvent.Source.file.rawValue { throw StoreError.eventFromFile(id: id) }
                try db.execute(sql: "DELETE FROM event WHERE id = ?", arguments: [id])
            }
        }
    }

    /// What next-fire dates are computed after: the mark, or `now` when that is earlier. The mark
    /// runs ahead of now while the daemon plans reminders ahead of their instant
    /// (``advanceMark(to:now:policy:planner:limit:)``); an event added meanwhile with a reminder
    /// between now and the mark must still get it.
    func scheduleReference(in db: Database, now: Date) throws -> Date {
        min(try mark(in: db) ?? now, now)
    }

    /// Inserts a definition with its next reminder after `reference`.
    func schedule(_ definition: EventDefinition, source: StoredEvent.Source, policy: SchedulePolicy, after reference: Date, with insert: EventInsert) throws {
        try insert.execute(EventRows(definition, EventSchedule(definition, policy: policy, after: reference)), source: source)
    }

    /// Recomputes every event's next reminder, after the policy changed.
    func reschedule(_ db: Database, policy: SchedulePolicy, after reference: Date) throws {
        let update = try db.cachedStatement(
            sql: "UPDATE event SET next_fire_at = ?, lead_span_days = ?, next_occurrence = ?, occurs_from = ? WHERE key = ?"
        )
        var preparer = EventPreparer(policy: policy, after: reference)
        for (key, definition) in try Row.decodeAll(db, sql: EventColumns.select, as: EventColumns.keyAndDefinition) {
            let schedule = preparer.schedule(for: definition)
            try update.execute(arguments: [
                schedule.nextFireAt?.timeIntervalSince1970, schedule.leadSpanDays, schedule.nextOccurrence?.description,
                schedule.occursFrom?.description, key,
            ])
        }
    }

    /// A stable digest of the file events (FNV-1a): the same events give the same text in every process.
    static func digest(of events: [EventDefinition]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for event in events {
            let fields: [String?] = [
                event.id, event.title, event.origin.description, event.recurrence.description, event.tags.joined(separator: ","),
                event.message, event.until?.description, event.time?.description, event.timeZoneIdentifier,
                event.leads?.map(\.description).joined(separator: ","), event.channels?.joined(separator: ","), event.leapDay?.rawValue,
                EventDefinition.text(event.exdates), EventDefinition.text(event.rdates),
            ]
            for field in fields {
                for byte in (field ?? "\u{0}").utf8 + [0x1F] {
                    hash ^= UInt64(byte)
                    hash = hash &* 0x100_0000_01b3
                }
            }
        }
        return "\(events.count):\(String(hash, radix: 16))"
    }
}

// MARK: - Reading Events

extension CalendarStore {
    /// Every event, ordered by id.
    public func fetchEvents() throws(StoreError) -> [StoredEvent] {
        try perform {
            try writer.read { db in
                try Row.decodeAll(db, sql: EventColumns.select + " ORDER BY id", as: StoredEvent.init(row:))
            }
        }
    }

    public func fetchEvent(id: String) throws(StoreError) -> StoredEvent? {
        try perform {
            try writer.read { db in
                try Row.fetchOne(db, sql: EventColumns.select + " WHERE id = ?", arguments: [id]).map(StoredEvent.init(row:))
            }
        }
    }

    public func fetchEventCount() throws(StoreError) -> Int {
        try perform { try writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM event") ?? 0 } }
    }

    /// Events that can have an occurrence on a date in `start...end`, read in ``EventKey`` order:
    /// only the rows in the window's month-days, not the whole calendar.
    ///
    /// The result may include events whose occurrence falls outside (a `once` event in another
    /// year); callers compute the occurrences.
    ///
    /// - Parameter rules: Whether to include rule events (``fetchRuleEvents(occurringFrom:through:tag:)``).
    public func fetchEvents(
        occurringFrom start: LocalDate, through end: LocalDate, tag: String? = nil, rules: Bool = true
    ) throws(StoreError) -> [EventDefinition] {
        guard let range = MonthDayRange(from: start, through: end) else {
            let all = EventColumns.select + (rules ? "" : " WHERE key >= \(EventKey.perMonthDay)")
            return try fetch([(all, [])], tag: tag)
        }
        let keys = (EventKey.range(monthDay: range.lower).lowerBound, EventKey.range(monthDay: range.upper).upperBound)
        let yearly: (sql: String, arguments: StatementArguments) = range.wraps
            ? (EventColumns.select + " WHERE (key >= ? OR (key < ? AND key >= ?))", [keys.0, keys.1, EventKey.perMonthDay])
            : (EventColumns.select + " WHERE key >= ? AND key < ?", [keys.0, keys.1])
        return try fetch([yearly] + (rules ? RuleIndex.queries(from: start, through: end) : []), tag: tag)
    }

    /// The rule events that can have a date in `start...end`, read through ``RuleIndex``: what
    /// ``fetchEvents(occurringFrom:through:tag:rules:)`` adds to the yearly and once events.
    public func fetchRuleEvents(occurringFrom start: LocalDate, through end: LocalDate, tag: String? = nil) throws(StoreError) -> [EventDefinition] {
        try fetch(RuleIndex.queries(from: start, through: end), tag: tag)
    }

    private func fetch(_ queries: [(sql: String, arguments: StatementArguments)], tag: String?) throws(StoreError) -> [EventDefinition] {
        try perform {
            try writer.read { db in
                var events: [EventDefinition] = []
                for query in queries {
                    let rows = try Row.fetchCursor(db, sql: query.sql, arguments: query.arguments)
                    while let row = try rows.next() {
                        let definition = EventDefinition(row: row)
                        if let tag, !definition.tags.contains(tag) { continue }
                        events.append(definition)
                    }
                }
                return events
            }
        }
    }

    /// The longest lead, in calendar days, of any event: how far ahead of a window its reminders
    /// can reach. Events without leads of their own use the policy's.
    public func fetchLongestLeadSpan(policy: SchedulePolicy) throws(StoreError) -> Int {
        let own = try perform {
            try writer.read { try Int.fetchOne($0, sql: "SELECT MAX(lead_span_days) FROM event WHERE remind IS NOT NULL") ?? 0 }
        }
        let policySpans = ([policy.leads] + policy.rules.compactMap(\.settings.leads)).flatMap { $0.map(\.spanInDays) }
        return max(own, policySpans.max() ?? 0)
    }
}

/// A window of month-days (`MMDD`), whose rows are one range of ``EventKey``s (or two, across the new year).
struct MonthDayRange {
    let lower: Int
    let upper: Int
    /// The window crosses the new year: month-days above `lower` or below `upper`.
    let wraps: Bool

    /// `nil` when the window spans a whole year or more: every event qualifies.
    init?(from start: LocalDate, through end: LocalDate) {
        guard start.days(to: end) < 365 else { return nil }
        var lower = start.month * 100 + start.day
        var upper = end.month * 100 + end.day
        // Feb 29 origins fall on Feb 28 or Mar 1 in common years.
        if lower == 301 { lower = 229 }
        if upper == 228 { upper = 229 }
        self.lower = lower
        self.upper = upper
        wraps = start.year != end.year
    }
}
