import Foundation

/// The Preglednik database: sources and their fetch state, items, acts, identifiers, the
/// append-only phase history, full-text search and digest bookkeeping.
///
/// One `ActStore` is one SQLite connection in WAL mode with foreign keys on; open one per process
/// or task that writes. Every source batch is written in a single transaction, so a crash leaves
/// either the whole batch or none of it.
public final class ActStore {
    /// The underlying connection, for tools that need raw SQL (export, benchmarks).
    public let database: SQLiteDatabase

    /// Opens the database at `path`, creating its folder, and migrates it to the current schema.
    /// - Throws: ``SQLiteError`` when the file cannot be opened, is not a database, or was written by
    ///   a newer Preglednik (schema version higher than this build knows).
    public init(path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try SQLiteDatabase(path: path)
        try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
        try migrate()
    }

    /// The schema version of the open database.
    public func schemaVersion() throws -> Int {
        Int(try database.first("PRAGMA user_version")?.integer(0) ?? 0)
    }

    private func migrate() throws {
        let version = try schemaVersion()
        guard version <= Schema.currentVersion else {
            throw SQLiteError(code: 1, message: "\(database.path) has schema version \(version), but this Preglednik knows only up to \(Schema.currentVersion); upgrade Preglednik or use another database file")
        }
        for next in version..<Schema.currentVersion {
            try database.transaction {
                try database.execute(Schema.migrations[next])
                try database.execute("PRAGMA user_version = \(next + 1)")
            }
        }
    }

    /// Runs `PRAGMA integrity_check` and returns its verdict ("ok" when sound).
    public func integrityCheck() throws -> String {
        try database.query("PRAGMA integrity_check").compactMap { $0.text(0) }.joined(separator: "; ")
    }

    /// Counts of the main tables, for status.
    public func counts() throws -> (acts: Int, events: Int, items: Int, sources: Int) {
        func count(_ table: String) throws -> Int { Int(try database.first("SELECT count(*) FROM \(table)")?.integer(0) ?? 0) }
        return (try count("acts"), try count("events"), try count("items"), try count("sources"))
    }
}

extension ActStore {
    /// The SQL of every migration up to the current schema, for tools that build the same tables
    /// outside the store (the benchmark's C baseline).
    public static var schemaSQL: String { Schema.migrations.joined(separator: ";\n") }
}
