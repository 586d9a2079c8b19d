import CSQLite

/// A prepared statement; owns its `sqlite3_stmt`. Used by one ``SQLiteDatabase`` only.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private unowned let database: SQLiteDatabase
    let sql: String

    init(database: SQLiteDatabase, sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw database.error(code, "cannot prepare `\(sql)`")
        }
        self.statement = statement
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(statement) }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Resets the statement and binds `values` to its parameters in order.
    func bind(_ values: [any SQLiteBindable]) throws(SQLiteError) {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value.sqliteValue {
            case .null: code = sqlite3_bind_null(statement, index)
            case .integer(let number): code = sqlite3_bind_int64(statement, index, number)
            case .real(let number): code = sqlite3_bind_double(statement, index, number)
            case .text(let text): code = sqlite3_bind_text(statement, index, text, -1, Self.transient)
            }
            guard code == SQLITE_OK else { throw database.error(code, "cannot bind parameter \(index) of `\(sql)`") }
        }
    }

    /// Advances; returns true while a row is available.
    func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(statement)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(code, "cannot run `\(sql)`")
        }
    }

    /// The current row's values.
    func row() -> SQLiteRow {
        let count = sqlite3_column_count(statement)
        var values: [SQLiteValue] = []
        values.reserveCapacity(Int(count))
        for column in 0..<count {
            switch sqlite3_column_type(statement, column) {
            case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(statement, column)))
            case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(statement, column)))
            case SQLITE_NULL: values.append(.null)
            default:
                if let text = sqlite3_column_text(statement, column) {
                    values.append(.text(String(cString: text)))
                } else {
                    values.append(.null)
                }
            }
        }
        return SQLiteRow(values: values)
    }

    /// Releases the statement's read lock early.
    func reset() { sqlite3_reset(statement) }
}

/// One result row.
public struct SQLiteRow: Sendable {
    /// Column values in select order.
    public var values: [SQLiteValue]

    /// Text of column `index`.
    public func text(_ index: Int) -> String? { values[index].text }
    /// Integer of column `index`.
    public func integer(_ index: Int) -> Int64? { values[index].integer }
    /// Double of column `index`.
    public func real(_ index: Int) -> Double? { values[index].real }
}
