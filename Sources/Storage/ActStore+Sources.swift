import Foundation

extension ActStore {
    /// Creates or renames a source.
    public func registerSource(id: String, name: String, jurisdiction: String) throws {
        try database.run("""
            INSERT INTO sources (id, name, jurisdiction) VALUES (?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, jurisdiction = excluded.jurisdiction
            """, id, name, jurisdiction)
    }

    /// The fetch state of one source, if registered.
    public func sourceState(id: String) throws -> SourceState? {
        try sourceStates(where: "WHERE id = ?", [id]).first
    }

    /// Every source's state, by id.
    public func sourceStates() throws -> [SourceState] {
        try sourceStates(where: "", [])
    }

    private func sourceStates(where clause: String, _ values: [any SQLiteBindable]) throws -> [SourceState] {
        try database.query("""
            SELECT id, name, jurisdiction, etag, last_modified, body_hash, last_attempt, last_success,
                   last_error, consecutive_failures, next_attempt FROM sources \(clause) ORDER BY id
            """, values).map { row in
            SourceState(id: row.text(0) ?? "", name: row.text(1) ?? "", jurisdiction: row.text(2) ?? "",
                        etag: row.text(3), lastModified: row.text(4), bodyHash: row.text(5),
                        lastAttempt: StorageCoding.date(row.text(6)), lastSuccess: StorageCoding.date(row.text(7)),
                        lastError: row.text(8), consecutiveFailures: Int(row.integer(9) ?? 0),
                        nextAttempt: StorageCoding.date(row.text(10)))
        }
    }

    /// Records a successful fetch (200 or 304): validators, body hash, health reset.
    public func recordFetchSuccess(sourceID: String, etag: String?, lastModified: String?, bodyHash: String?,
                                   at now: Date, nextAttempt: Date?) throws {
        try database.run("""
            UPDATE sources SET etag = ?, last_modified = ?, body_hash = coalesce(?, body_hash),
                   last_attempt = ?, last_success = ?, last_error = NULL, consecutive_failures = 0, next_attempt = ?
            WHERE id = ?
            """, etag, lastModified, bodyHash, StorageCoding.string(now), StorageCoding.string(now),
            StorageCoding.string(nextAttempt), sourceID)
    }

    /// Records a failed fetch or parse and when to try again; returns the consecutive failures.
    @discardableResult
    public func recordFetchFailure(sourceID: String, error: String, at now: Date,
                                   nextAttempt: (Int) -> Date) throws -> Int {
        let failures = Int(try database.first("SELECT consecutive_failures FROM sources WHERE id = ?", sourceID)?.integer(0) ?? 0) + 1
        try database.run("""
            UPDATE sources SET last_attempt = ?, last_error = ?, consecutive_failures = ?, next_attempt = ? WHERE id = ?
            """, StorageCoding.string(now), error, failures, StorageCoding.string(nextAttempt(failures)), sourceID)
        return failures
    }
}
