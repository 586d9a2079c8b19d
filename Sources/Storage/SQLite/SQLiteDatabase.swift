import CSQLite

/// One SQLite connection; owns the `sqlite3*` and a cache of prepared statements.
/// Not thread-safe: each task that writes opens its own connection (WAL allows one writer and
/// many readers across connections and processes).
public final class SQLiteDatabase {
    let handle: OpaquePointer
    /// The file this connection opened.
    public let path: String
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens (creating if needed) a database file.
    /// - Throws: ``SQLiteError`` naming the path when the file cannot be opened.
    public init(path: String) throws(SQLiteError) {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw SQLiteError(code: code, message: "cannot open database \(path): \(message)")
        }
        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, 10_000)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    func error(_ code: Int32, _ context: String) -> SQLiteError {
        SQLiteError(code: code & 0xff, message: "\(path): \(context): \(String(cString: sqlite3_errmsg(handle)))")
    }

    /// Runs one or more statements without parameters.
    public func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "error \(code)"
            sqlite3_free(message)
            throw SQLiteError(code: code & 0xff, message: "\(path): \(text)")
        }
    }

    /// The cached prepared statement for `sql`.
    func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let cached = statements[sql] { return cached }
        let statement = try SQLiteStatement(database: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Runs one statement with parameters and returns how many rows it changed.
    @discardableResult
    public func run(_ sql: String, _ values: any SQLiteBindable...) throws(SQLiteError) -> Int {
        let statement = try statement(sql)
        try statement.bind(values)
        while try statement.step() {}
        statement.reset()
        return Int(sqlite3_changes(handle))
    }

    /// Runs a query and returns every row.
    public func query(_ sql: String, _ values: any SQLiteBindable...) throws(SQLiteError) -> [SQLiteRow] {
        try query(sql, values)
    }

    /// Runs a query with an array of parameters and returns every row.
    public func query(_ sql: String, _ values: [any SQLiteBindable]) throws(SQLiteError) -> [SQLiteRow] {
        let statement = try statement(sql)
        try statement.bind(values)
        var rows: [SQLiteRow] = []
        while try statement.step() { rows.append(statement.row()) }
        statement.reset()
        return rows
    }

    /// The first row of a query, if any.
    public func first(_ sql: String, _ values: any SQLiteBindable...) throws(SQLiteError) -> SQLiteRow? {
        try query(sql, values).first
    }

    /// The rowid of the last insert on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`; rolls back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}
