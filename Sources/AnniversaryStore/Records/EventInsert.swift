import AnniversaryCore
import Foundation
import GRDB
import GRDBSQLite

/// The prepared `INSERT INTO event`, binding ``EventRows`` straight to SQLite.
///
/// Why not GRDB's `StatementArguments`: it boxes every value in an existential array, which was
/// a third of a million-event import's time. Text is bound in place (`SQLITE_STATIC`): SQLite
/// copies it once, into the row, instead of into a value of its own first.
struct EventInsert {
    /// Rows per statement: each statement run has a fixed cost (reset, program start and end) that
    /// a bulk import pays once per 32 rows instead.
    static let rowsPerStatement = 32

    /// An insert found the id taken.
    struct Taken: Error {
        let id: String
    }

    private let single: Statement
    private let multiple: Statement
    private let keys: EventKey.Allocator

    /// For one write transaction: keys are handed out as rows go in.
    init(_ db: Database) throws {
        single = try db.cachedStatement(sql: EventColumns.insert)
        multiple = try db.cachedStatement(sql: EventColumns.insert(rows: Self.rowsPerStatement))
        keys = try EventKey.Allocator(db)
    }

    /// Inserts the rows in `range` (default: all), 32 per statement.
    ///
    /// - Throws: ``Taken`` for the first row whose id is taken, or a `DatabaseError`. The rows
    ///   before it may be in: the caller rolls the transaction back.
    func execute(_ rows: EventRows, _ range: Range<Int>? = nil, source: StoredEvent.Source) throws {
        let range = range ?? 0..<rows.count
        var start = range.lowerBound
        while start < range.upperBound {
            let count = range.upperBound - start >= Self.rowsPerStatement ? Self.rowsPerStatement : 1
            do {
                try run(count == 1 ? single : multiple, rows, start..<start + count, source: source)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                // `OR FAIL` kept the rows before the failing one, and counted them.
                let inserted = Int(sqlite3_changes(sqlite3_db_handle(multiple.sqliteStatement)))
                throw Taken(id: rows.id(at: start + min(inserted, count - 1)))
            }
            start += count
        }
    }

    private func run(_ statement: Statement, _ rows: EventRows, _ range: Range<Int>, source: StoredEvent.Source) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (offset, row) in range.enumerated() {
            let column = Int32((offset + 1) * EventColumns.all.count)
            sqlite3_bind_int64(handle, column, Int64(try keys.key(monthDay: rows.numbers[row].monthDay)))
        }
        let result = rows.bytes.withUnsafeBufferPointer { bytes in
            var sourceText = source.rawValue
            return sourceText.withUTF8 { sourceBytes in
                let base = UnsafeRawPointer(bytes.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
                var column: Int32 = 0
                func bind(_ integer: Int?) {
                    column += 1
                    if let integer { sqlite3_bind_int64(handle, column, Int64(integer)) } else { sqlite3_bind_null(handle, column) }
                }
                for row in range {
                    for span in rows.spans[row * EventRows.textColumnCount..<(row + 1) * EventRows.textColumnCount] {
                        column += 1
                        if span.count < 0 {
                            sqlite3_bind_null(handle, column)
                        } else if let base {
                            sqlite3_bind_text(handle, column, base + Int(span.start), span.count, nil)
                        } else {  // no bytes at all: every text is empty
                            sqlite3_bind_text(handle, column, "", 0, SQLITE_TRANSIENT)
                        }
                    }
                    column += 1
                    sqlite3_bind_text(handle, column, UnsafeRawPointer(sourceBytes.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(sourceBytes.count), nil)
                    let numbers = rows.numbers[row]
                    bind(numbers.originYear)
                    bind(numbers.leadSpanDays)
                    column += 1
                    if let nextFireAt = numbers.nextFireAt { sqlite3_bind_double(handle, column, nextFireAt) } else { sqlite3_bind_null(handle, column) }
                    column += 1  // the key, bound above
                }
                defer { sqlite3_clear_bindings(handle) }  // no pointer into the buffers outlives them
                return sqlite3_step(handle)
            }
        }
        guard result == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: result), message: message, sql: EventColumns.insert)
        }
    }
}

/// SQLite's "copy the value now" destructor, which Swift cannot import as a macro. (Its "the
/// bytes stay put until the statement is done", `SQLITE_STATIC`, is a null destructor.)
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
