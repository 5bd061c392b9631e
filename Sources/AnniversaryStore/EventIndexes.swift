import GRDB

/// The event table's two large indexes, which a bulk import drops and builds again at its end.
///
/// Part of the schema since migration v3: change them only together with a new migration.
enum EventIndexes {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE UNIQUE INDEX event_by_id ON event(id);
            -- The next due reminder across all events, without reading every event.
            CREATE INDEX event_by_next_fire ON event(next_fire_at) WHERE next_fire_at IS NOT NULL;
            """)
    }

    static func drop(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX event_by_id; DROP INDEX event_by_next_fire")
    }
}
