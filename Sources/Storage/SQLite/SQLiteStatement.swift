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
        parameterBuffers = .allocate(capacity: Int(sqlite3_bind_parameter_count(statement)))
        parameterBuffers.initialize(repeating: UnsafeMutableRawBufferPointer(start: nil, count: 0))
    }

    /// Buffers that text bound by ``bind(_:at:)`` is copied into, one per parameter, so SQLite can
    /// use the bytes in place (`SQLITE_STATIC`) instead of allocating a copy of its own for every
    /// bind. A buffer lives as long as the statement and is only replaced while its parameter is
    /// rebound.
    private let parameterBuffers: UnsafeMutableBufferPointer<UnsafeMutableRawBufferPointer>

    deinit {
        sqlite3_finalize(statement)
        for buffer in parameterBuffers { buffer.deallocate() }
        parameterBuffers.deallocate()
    }

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

    /// Binds an integer to parameter `index` (1-based). Other parameters keep their values, so
    /// values that stay the same for a whole batch are bound once.
    func bind(_ value: Int64, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_int64(statement, index, value), index)
    }

    /// Binds a double to parameter `index` (1-based).
    func bind(_ value: Double, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_double(statement, index, value), index)
    }

    /// Binds text, or NULL for nil, to parameter `index` (1-based), from the string's own UTF-8
    /// storage with its length (no C string is made; SQLite copies the bytes).
    func bind(_ text: String?, at index: Int32) throws(SQLiteError) {
        guard var text else {
            try check(sqlite3_bind_null(statement, index), index)
            return
        }
        let code = text.withUTF8 { bytes in bindText(bytes, at: index) }
        try check(code, index)
    }

    /// Binds UTF-8 bytes as text to parameter `index` (1-based).
    func bind(utf8 bytes: [UInt8], at index: Int32) throws(SQLiteError) {
        let code = bytes.withUnsafeBufferPointer { bindText($0, at: index) }
        try check(code, index)
    }

    private func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) -> Int32 {
        // Rebinding a statement that is still stepping is misuse; its buffers may be in use.
        guard sqlite3_stmt_busy(statement) == 0 else { return SQLITE_MISUSE }
        let slot = Int(index) - 1
        // A nil base address would bind NULL; the empty string is text.
        guard !bytes.isEmpty, parameterBuffers.indices.contains(slot) else {
            return sqlite3_bind_text(statement, index, "", 0, Self.transient)
        }
        if parameterBuffers[slot].count < bytes.count {
            // The old buffer is still bound to this parameter until the bind below replaces it;
            // SQLite does not read a static value while rebinding.
            parameterBuffers[slot].deallocate()
            parameterBuffers[slot] = .allocate(byteCount: max(64, bytes.count * 2), alignment: 1)
        }
        let buffer = parameterBuffers[slot]
        buffer.copyMemory(from: UnsafeRawBufferPointer(bytes))
        // nil destructor = SQLITE_STATIC: the bytes stay valid until the next bind of this parameter.
        return sqlite3_bind_text(statement, index, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
    }

    private func check(_ code: Int32, _ index: Int32) throws(SQLiteError) {
        guard code == SQLITE_OK else { throw database.error(code, "cannot bind parameter \(index) of `\(sql)`") }
    }

    /// Runs a statement that returns no rows with its current bindings, then resets it (bindings
    /// are kept).
    func run() throws(SQLiteError) {
        defer { sqlite3_reset(statement) }
        while try step() {}
    }

    /// Text of column `index` of the current row, without building a whole ``SQLiteRow``.
    func text(at column: Int32) -> String? {
        sqlite3_column_text(statement, column).map { String(cString: $0) }
    }

    /// Integer of column `index` of the current row.
    func integer(at column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }

    /// UTF-8 bytes of text column `index` of the current row (nil for NULL).
    func bytes(at column: Int32) -> [UInt8]? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return Array(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))))
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
