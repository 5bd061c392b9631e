import AnniversaryCore
import Foundation
import GRDB

// MARK: - The Next-Due Index

extension CalendarStore {
    /// The earliest next-fire instant of any event: where the daemon arms its timer.
    /// `nil` when no reminder will ever fire.
    public func fetchNextFireDate() throws(StoreError) -> Date? {
        try perform {
            try writer.read { db in
                try Double.fetchOne(db, sql: "SELECT MIN(next_fire_at) FROM event WHERE next_fire_at IS NOT NULL")
                    .map(Date.init(timeIntervalSince1970:))
            }
        }
    }

    /// What one advance of the high-water mark did.
    public struct Advance: Sendable {
        /// The mark before the advance; `nil` on the first start.
        public var previousMark: Date?
        /// Notifications written to the outbox as pending.
        public var queued: [ChannelReminder] = []
        /// Whether more events were due than the limit allowed: call again; the mark has not
        /// moved yet.
        public var isPartial = false
        /// Reminders older than `catch_up`, written as missed.
        public var missed: [ChannelReminder] = []
    }

    /// Plans every reminder due in `(mark, horizon]` and records it, in one transaction: the
    /// outbox rows, the events' next-fire dates and the new mark are written together or not at all.
    ///
    /// On the first start (no mark) nothing is planned: the mark begins at `now`. When the clock
    /// went back (`horizon` before the mark) nothing is planned either, and the mark holds, so no
    /// reminder fires twice.
    ///
    /// - Parameters:
    ///   - horizon: How far to plan. Past `now`, reminders are planned ahead of their instant:
    ///     their rows wait in the outbox until then (`next_attempt_at` is the instant).
    ///   - now: For lateness and the rows' creation time. Default: `horizon`.
    ///   - limit: At most this many events per transaction. When more are due, their rows are
    ///     written and their next-fire dates moved on, but not the mark (``Advance/isPartial``): a
    ///     crash then loses nothing (those events are no longer due and the rest still are), and
    ///     the first rows can be sent while the rest are planned.
    public func advanceMark(to horizon: Date, now: Date? = nil, policy: SchedulePolicy, planner: ReminderPlanner, limit: Int = .max) throws(StoreError) -> Advance {
        let now = now ?? horizon
        return try perform {
            try writer.write { db in
                let previous = try mark(in: db)
                var advance = Advance(previousMark: previous)
                guard horizon > previous ?? .distantPast else { return advance }
                // All read before the first write to the table.
                let due = try Row.decodeAll(
                    db, sql: EventColumns.select + " WHERE next_fire_at <= ? LIMIT ?", arguments: [horizon.timeIntervalSince1970, limit == .max ? -1 : limit],
                    as: EventColumns.keyAndDefinition
                )
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO outbox (id, event_id, channel, occurrence_date, lead, due_at, late_by, context, status, next_attempt_at, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
                    """)
                // By primary key, not through the id index.
                let updateNext = try db.cachedStatement(sql: "UPDATE event SET next_fire_at = ? WHERE key = ?")
                let updateNextOccurrence = try db.cachedStatement(sql: "UPDATE event SET next_occurrence = ?, occurs_from = ? WHERE key = ?")
                for (key, definition) in due {
                    func setNextFire(_ date: Date?) throws {
                        try updateNext.execute(arguments: [date?.timeIntervalSince1970, key])
                        // A rule event's next date moves on with it, keeping RuleIndex's reads short.
                        if key < EventKey.perMonthDay {
                            let schedule = EventSchedule(definition, policy: policy, after: min(horizon, now))
                            try updateNextOccurrence.execute(arguments: [schedule.nextOccurrence?.description, schedule.occursFrom?.description, key])
                        }
                    }
                    guard let event = try? policy.resolve(definition) else {
                        try setNextFire(nil)
                        continue
                    }
                    // The first start plans nothing: reminders scheduled before it (by `events add`
                    // or a sync) that are already past are moved on, not sent.
                    guard let previous else {
                        try setNextFire(event.nextReminder(after: now)?.instant)
                        continue
                    }
                    // From now when the mark is ahead: an event added since may have a reminder
                    // before the mark. Those planned already are in the outbox and stay single.
                    let plan = planner.plan(event, after: min(previous, now), through: horizon, now: now)
                    for (reminder, status) in plan.due.map({ ($0, DeliveryStatus.pending) }) + plan.missed.map({ ($0, .missed) }) {
                        try insert.execute(arguments: Self.arguments(reminder, status: status, now: now))
                        if db.changesCount > 0 {
                            if status == .pending { advance.queued.append(reminder) } else { advance.missed.append(reminder) }
                        }
                    }
                    try setNextFire(event.nextReminder(after: horizon)?.instant)
                }
                guard due.count < limit else {
                    advance.isPartial = true
                    return advance
                }
                try setState(.mark, String((previous == nil ? now : horizon).timeIntervalSince1970), in: db)
                return advance
            }
        }
    }

    static func arguments(_ reminder: ChannelReminder, status: DeliveryStatus, now: Date) -> StatementArguments {
        let context = ContextJSON.encode(reminder.context)
        let lateBy = reminder.lateBy?.timeInterval
        return [
            reminder.id, reminder.eventID, reminder.channel, reminder.occurrenceDate.description,
            reminder.lead.description, reminder.dueAt.timeIntervalSince1970, lateBy, context, status.rawValue,
            status == .pending ? reminder.dueAt.timeIntervalSince1970 : nil, now.timeIntervalSince1970, now.timeIntervalSince1970,
        ]
    }
}

// MARK: - Outbox

extension CalendarStore {
    /// Outbox rows, oldest due first; all of them, or those with one status.
    public func fetchOutbox(status: DeliveryStatus? = nil, limit: Int? = nil) throws(StoreError) -> [OutboxEntry] {
        var sql = "SELECT \(OutboxEntry.columns) FROM outbox"
        var arguments: StatementArguments = []
        if let status {
            sql += " WHERE status = ?"
            arguments += [status.rawValue]
        }
        sql += " ORDER BY due_at, id"
        if let limit { sql += " LIMIT \(limit)" }
        return try perform {
            try writer.read { db in try Row.decodeAll(db, sql: sql, arguments: arguments, as: OutboxEntry.init(row:)) }
        }
    }

    /// Records one delivery attempt's outcome.
    ///
    /// - Parameter nextAttemptAt: For a pending row, when to try again; `nil` means at once.
    public func recordAttempt(id: String, status: DeliveryStatus, error: String? = nil, nextAttemptAt: Date? = nil, at now: Date) throws(StoreError) {
        try recordAttempts([DeliveryAttempt(id: id, status: status, error: error, nextAttemptAt: nextAttemptAt)], at: now)
    }

    /// Records several attempts' outcomes in one transaction: one disk sync for a batch.
    public func recordAttempts(_ attempts: [DeliveryAttempt], at now: Date) throws(StoreError) {
        guard !attempts.isEmpty else { return }
        try perform {
            try writer.write { db in
                let update = try db.cachedStatement(
                    sql: "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?"
                )
                for attempt in attempts {
                    let next = attempt.status == .pending ? (attempt.nextAttemptAt ?? now) : nil
                    try update.execute(arguments: [
                        attempt.status.rawValue, attempt.error, next?.timeIntervalSince1970, now.timeIntervalSince1970, attempt.id,
                    ])
                }
            }
        }
    }

    /// One page of a channel's queue: pending rows whose next attempt is due by `now`, in the
    /// order they are to be sent, starting after `cursor` (the last row of the previous page).
    public func fetchDueDeliveries(
        channel: String, at now: Date, after cursor: QueueCursor? = nil, limit: Int
    ) throws(StoreError) -> [OutboxEntry] {
        var sql = "SELECT \(OutboxEntry.columns) FROM outbox WHERE status = 'pending' AND channel = ? AND next_attempt_at <= ?"
        var arguments: StatementArguments = [channel, now.timeIntervalSince1970]
        if let cursor {
            sql += " AND (next_attempt_at, id) > (?, ?)"
            arguments += [cursor.nextAttemptAt.timeIntervalSince1970, cursor.id]
        }
        sql += " ORDER BY next_attempt_at, id LIMIT \(limit)"
        return try perform {
            try writer.read { db in try Row.decodeAll(db, sql: sql, arguments: arguments, as: OutboxEntry.init(row:)) }
        }
    }

    /// When each channel's queue next has something to send, for the channels holding anything.
    public func fetchNextAttemptDates() throws(StoreError) -> [String: Date] {
        try perform {
            try writer.read { db in
                let rows = try Row.fetchAll(db, sql: "SELECT channel, MIN(next_attempt_at) FROM outbox WHERE status = 'pending' GROUP BY channel")
                return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, Date(timeIntervalSince1970: $0[1])) })
            }
        }
    }

    /// Gives up the pending rows of channels that are no longer configured.
    ///
    /// - Returns: The number of rows, by channel.
    public func abandonDeliveries(exceptTo channels: Set<String>, at now: Date) throws(StoreError) -> [String: Int] {
        try perform {
            try writer.write { db in
                let counts = try Row.fetchAll(db, sql: "SELECT channel, COUNT(*) FROM outbox WHERE status = 'pending' GROUP BY channel")
                    .map { (channel: $0[0] as String, count: $0[1] as Int) }
                    .filter { !channels.contains($0.channel) }
                for (channel, _) in counts {
                    try db.execute(
                        sql: """
                            UPDATE outbox SET status = 'dead', next_attempt_at = NULL, last_error = ?, updated_at = ?
                            WHERE status = 'pending' AND channel = ?
                            """,
                        arguments: ["channel \"\(channel)\" is not configured", now.timeIntervalSince1970, channel]
                    )
                }
                return Dictionary(uniqueKeysWithValues: counts)
            }
        }
    }

    /// Pending rows in the whole outbox, for the daemon's status line.
    public func fetchPendingCount() throws(StoreError) -> Int {
        try perform {
            try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE status = 'pending'") ?? 0 }
        }
    }
}

// MARK: - Retrying by Hand

extension CalendarStore {
    /// Puts a dead or missed delivery back in the queue, to be sent at the daemon's next wake-up.
    ///
    /// - Returns: `false` when the delivery is pending or delivered already.
    /// - Throws: ``StoreError/deliveryNotFound(id:)`` for an unknown id.
    public func retryDelivery(id: String, at now: Date) throws(StoreError) -> Bool {
        try perform {
            try writer.write { db in
                guard let status = try String.fetchOne(db, sql: "SELECT status FROM outbox WHERE id = ?", arguments: [id]) else {
                    throw StoreError.deliveryNotFound(id: id)
                }
                guard status == DeliveryStatus.dead.rawValue || status == DeliveryStatus.missed.rawValue else { return false }
                try db.execute(
                    sql: "UPDATE outbox SET status = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ?",
                    arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, id]
                )
                return true
            }
        }
    }

    /// Puts every dead delivery back in the queue; returns how many.
    public func retryDeadDeliveries(at now: Date) throws(StoreError) -> Int {
        try perform {
            try writer.write { db in
                try db.execute(
                    sql: "UPDATE outbox SET status = 'pending', next_attempt_at = ?, updated_at = ? WHERE status = 'dead'",
                    arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970]
                )
                return db.changesCount
            }
        }
    }
}
