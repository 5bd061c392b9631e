import AnniversaryCore
import Foundation
import GRDB
import GRDBSQLite

/// The prepared `INSERT INTO event`, binding a definition's columns straight to SQLite.
///
/// Why not GRDB's `StatementArguments`: it boxes every value in an existential array, which was
/// a third of a million-event import's time.
struct EventInsert {
    /// Rows per statement in ``execute(_:source:)-(Collection)``: each statement run has a fixed
    /// cost (reset, program start and end) that a bulk import pays once per 32 rows instead.
    static let rowsPerStatement = 32

    /// An insert found the id or the primary key taken.
    struct Taken: Error {
        let id: String
    }

    private let single: Statement
    private let multiple: Statement

    init(_ db: Database) throws {
        single = try db.cachedStatement(sql: EventColumns.insert)
        multiple = try db.cachedStatement(sql: EventColumns.insert(rows: Self.rowsPerStatement))
    }

    /// Inserts one row.
    ///
    /// - Throws: ``Taken`` when the id or the primary key is taken, or a `DatabaseError`.
    func execute(_ event: PreparedEvent, source: StoredEvent.Source) throws {
        do {
            try run(single, [event][...], source: source)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw Taken(id: event.definition.id)
        }
    }

    /// Inserts the rows, 32 per statement.
    ///
    /// - Throws: ``Taken`` for the first row whose id or primary key is taken, or a `DatabaseError`.
    func execute(_ events: ArraySlice<PreparedEvent>, source: StoredEvent.Source) throws {
        var start = events.startIndex
        while events.endIndex - start >= Self.rowsPerStatement {
            let rows = events[start..<start + Self.rowsPerStatement]
            do {
                try run(multiple, rows, source: source)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                // The failed statement inserted none of its rows: find the one that is taken.
                for event in rows { try execute(event, source: source) }
            }
            start += Self.rowsPerStatement
        }
        for event in events[start...] { try execute(event, source: source) }
    }

    private func run(_ statement: Statement, _ events: ArraySlice<PreparedEvent>, source: StoredEvent.Source) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        let separator = String(listSeparator)
        var column: Int32 = 0
        func bind(_ text: String?) {
            column += 1
            guard let text else { sqlite3_bind_null(handle, column); return }
            var copy = text
            copy.withUTF8 { bytes in
                _ = sqlite3_bind_text(handle, column, UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), SQLITE_TRANSIENT)
            }
        }
        func bind(_ integer: Int?) {
            column += 1
            if let integer { sqlite3_bind_int64(handle, column, Int64(integer)) } else { sqlite3_bind_null(handle, column) }
        }
        for event in events {
            let definition = event.definition
            let origin = definition.origin
            bind(definition.id)
            bind(definition.title)
            bind(origin.year)
            bind(origin.month)
            bind(origin.day)
            bind(definition.monthDay)
            bind(definition.recurrence.rawValue)
            bind(definition.until?.description)
            bind(definition.tags.joined(separator: separator))
            bind(definition.message)
            bind(definition.time?.description)
            bind(definition.timeZoneIdentifier)
            bind(definition.leads?.map(\.description).joined(separator: ","))
            bind(definition.channels?.joined(separator: separator))
            bind(definition.leapDay?.rawValue)
            bind(source.rawValue)
            column += 1
            if let nextFireAt = event.nextFireAt { sqlite3_bind_double(handle, column, nextFireAt.timeIntervalSince1970) } else { sqlite3_bind_null(handle, column) }
            bind(event.leadSpanDays)
        }
        let result = sqlite3_step(handle)
        guard result == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: result), message: message, sql: EventColumns.insert)
        }
    }
}

/// SQLite's "copy the value now" destructor, which Swift cannot import as a macro.
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
