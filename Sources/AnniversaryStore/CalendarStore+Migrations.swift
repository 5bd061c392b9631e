import GRDB

extension CalendarStore {
    /// The schema, one registered migration per version; never edit a shipped one, add another.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: events, state, outbox") { db in
            try db.execute(sql: """
                -- Clustered by month-day: the upcoming dates of a window are neighbouring rows,
                -- read in one sequential range instead of one seek per event.
                CREATE TABLE event (
                    id TEXT NOT NULL UNIQUE,
                    title TEXT NOT NULL,
                    origin_year INTEGER,
                    month INTEGER NOT NULL,
                    day INTEGER NOT NULL,
                    month_day INTEGER NOT NULL,
                    recurrence TEXT NOT NULL,
                    until TEXT,
                    tags TEXT NOT NULL,
                    message TEXT,
                    time TEXT,
                    time_zone TEXT,
                    remind TEXT,
                    channels TEXT,
                    leap_day TEXT,
                    source TEXT NOT NULL,
                    next_fire_at REAL,
                    lead_span_days INTEGER NOT NULL,
                    PRIMARY KEY (month_day, id)
                ) WITHOUT ROWID;
                -- The next due reminder across all events, without reading every event.
                CREATE INDEX event_by_next_fire ON event(next_fire_at) WHERE next_fire_at IS NOT NULL;
                -- Small partial indexes: most events are the CLI's and follow the policy's leads.
                CREATE INDEX event_from_file ON event(id) WHERE source = 'file';
                CREATE INDEX event_by_own_lead_span ON event(lead_span_days) WHERE remind IS NOT NULL;

                CREATE TABLE state (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );

                CREATE TABLE outbox (
                    id TEXT PRIMARY KEY NOT NULL,
                    event_id TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    occurrence_date TEXT NOT NULL,
                    lead TEXT NOT NULL,
                    due_at REAL NOT NULL,
                    late_by REAL,
                    context TEXT NOT NULL,
                    status TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at REAL,
                    last_error TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX outbox_by_status ON outbox(status, next_attempt_at);
                """)
        }
        migrator.registerMigration("v2: each channel's queue") { db in
            // Every pending row gets its next attempt time (at first, when it is due), so that a
            // channel's queue is one range of this index, read in order a page at a time.
            try db.execute(sql: """
                UPDATE outbox SET next_attempt_at = due_at WHERE status = 'pending' AND next_attempt_at IS NULL;
                CREATE INDEX outbox_queue ON outbox(channel, next_attempt_at, id) WHERE status = 'pending';
                """)
        }
        migrator.registerMigration("v3: event ids in an index of their own") { db in
            // A column's UNIQUE cannot be dropped; an index can, which lets a bulk import build it
            // once at the end instead of inserting into it at random places (EventIndexes).
            try db.execute(sql: """
                CREATE TABLE event_v3 (
                    id TEXT NOT NULL,
                    title TEXT NOT NULL,
                    origin_year INTEGER,
                    month INTEGER NOT NULL,
                    day INTEGER NOT NULL,
                    month_day INTEGER NOT NULL,
                    recurrence TEXT NOT NULL,
                    until TEXT,
                    tags TEXT NOT NULL,
                    message TEXT,
                    time TEXT,
                    time_zone TEXT,
                    remind TEXT,
                    channels TEXT,
                    leap_day TEXT,
                    source TEXT NOT NULL,
                    next_fire_at REAL,
                    lead_span_days INTEGER NOT NULL,
                    PRIMARY KEY (month_day, id)
                ) WITHOUT ROWID;
                INSERT INTO event_v3 SELECT * FROM event;
                DROP TABLE event;
                ALTER TABLE event_v3 RENAME TO event;
                CREATE INDEX event_from_file ON event(id) WHERE source = 'file';
                CREATE INDEX event_by_own_lead_span ON event(lead_span_days) WHERE remind IS NOT NULL;
                """)
            try EventIndexes.create(db)
        }
        migrator.registerMigration("v4: events keyed by month-day and arrival") { db in
            // An integer key that new rows append to (EventKey), in place of (month_day, id); the
            // key holds the origin's month and day. (10¹² is EventKey.perMonthDay, fixed here as shipped.)
            try db.execute(sql: """
                CREATE TABLE event_v4 (
                    key INTEGER PRIMARY KEY,
                    id TEXT NOT NULL,
                    title TEXT NOT NULL,
                    origin_year INTEGER,
                    recurrence TEXT NOT NULL,
                    until TEXT,
                    tags TEXT NOT NULL,
                    message TEXT,
                    time TEXT,
                    time_zone TEXT,
                    remind TEXT,
                    channels TEXT,
                    leap_day TEXT,
                    source TEXT NOT NULL,
                    next_fire_at REAL,
                    lead_span_days INTEGER NOT NULL
                );
                INSERT INTO event_v4
                SELECT month_day * 1000000000000 + row_number() OVER (PARTITION BY month_day ORDER BY id),
                       id, title, origin_year, recurrence, until, tags, message, time, time_zone, remind,
                       channels, leap_day, source, next_fire_at, lead_span_days
                FROM event ORDER BY month_day, id;
                DROP TABLE event;
                ALTER TABLE event_v4 RENAME TO event;
                CREATE INDEX event_from_file ON event(id) WHERE source = 'file';
                CREATE INDEX event_by_own_lead_span ON event(lead_span_days) WHERE remind IS NOT NULL;
                """)
            try EventIndexes.create(db)
        }
        migrator.registerMigration("v5: rule events") { db in
            // Rule events sit at month-day 0 (EventKey.ruleEvents), keyed below every yearly
            // event; `start` holds their DTSTART, as their key holds no month-day. `upcoming` reads
            // them through the two small indexes of RuleIndex, not all of them.
            try db.execute(sql: """
                ALTER TABLE event ADD COLUMN exdates TEXT;
                ALTER TABLE event ADD COLUMN rdates TEXT;
                ALTER TABLE event ADD COLUMN start TEXT;
                ALTER TABLE event ADD COLUMN next_occurrence TEXT;
                ALTER TABLE event ADD COLUMN occurs_from TEXT;
                CREATE INDEX event_rule_by_next_occurrence ON event(next_occurrence) WHERE key < 1000000000000;
                CREATE INDEX event_rule_by_occurs_from ON event(occurs_from) WHERE key < 1000000000000;
                """)
        }
        migrator.registerMigration("v6: event notes") { db in
            try db.execute(sql: "ALTER TABLE event ADD COLUMN notes TEXT")
        }
        return migrator
    }
}
