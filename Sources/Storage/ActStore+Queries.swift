import Foundation
import TextFolding

extension ActStore {
    static let actColumns = """
        id, title, jurisdiction, act_type, summary, link, phase, phase_raw, phase_since, document_date, in_force,
        municipal, relevance, domains, why, first_seen, last_changed, source_id
        """

    private func act(from row: SQLiteRow) throws -> StoredAct {
        let id = row.integer(0)!
        let identifiers = try database.query("SELECT scheme, value FROM act_identifiers WHERE act_id = ? ORDER BY scheme, value", id)
            .map { ActIdentifier(scheme: $0.text(0) ?? "", value: $0.text(1) ?? "") }
        return StoredAct(
            id: id, title: row.text(1) ?? "", jurisdiction: row.text(2) ?? "", actType: row.text(3),
            summary: row.text(4), link: row.text(5), phase: row.text(6) ?? "unclassified", phaseRaw: row.text(7),
            phaseSince: StorageCoding.date(row.text(8)) ?? .distantPast, documentDate: StorageCoding.date(row.text(9)),
            inForce: StorageCoding.date(row.text(10)), municipal: row.integer(11) == 1, relevance: row.real(12) ?? 0,
            domains: StorageCoding.decode([StoredDomain].self, row.text(13)) ?? [],
            why: StorageCoding.decode([String].self, row.text(14)) ?? [],
            firstSeen: StorageCoding.date(row.text(15)) ?? .distantPast,
            lastChanged: StorageCoding.date(row.text(16)) ?? .distantPast,
            sourceID: row.text(17) ?? "", identifiers: identifiers)
    }

    /// One act by id.
    public func act(id: Int64) throws -> StoredAct? {
        try database.first("SELECT \(Self.actColumns) FROM acts WHERE id = ?", id).map(act(from:))
    }

    /// Acts matching a filter, most recently changed first.
    public func acts(_ filter: ActFilter = ActFilter()) throws -> [StoredAct] {
        var clauses: [String] = []
        var values: [any SQLiteBindable] = []
        if let phase = filter.phase { clauses.append("phase = ?"); values.append(phase) }
        if let jurisdiction = filter.jurisdiction { clauses.append("jurisdiction = ?"); values.append(jurisdiction) }
        if let since = filter.since { clauses.append("last_changed >= ?"); values.append(StorageCoding.string(since)) }
        if filter.municipalOnly { clauses.append("municipal = 1") }
        if let domain = filter.domain {
            clauses.append("EXISTS (SELECT 1 FROM json_each(acts.domains) WHERE json_extract(value, '$.id') = ?)")
            values.append(domain)
        }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let limit = filter.limit.map { " LIMIT \($0)" } ?? ""
        return try database.query("SELECT \(Self.actColumns) FROM acts \(whereClause) ORDER BY last_changed DESC, id DESC\(limit)", values)
            .map(act(from:))
    }

    /// The phase history of an act, oldest first.
    public func events(actID: Int64) throws -> [ActEvent] {
        try events(where: "WHERE act_id = ?", [actID])
    }

    /// Events that happened in `[start, end)`, oldest first: dated by the document's own date, or by
    /// when Preglednik saw them when the document gives none or a date still in the future.
    public func events(happenedFrom start: Date, to end: Date) throws -> [ActEvent] {
        try events(where: Self.happenedClause, [StorageCoding.string(start), StorageCoding.string(end)])
    }

    /// The highest event id so far (0 when none): the high-water mark for digests and mail.
    public func lastEventID() throws -> Int64 {
        try database.first("SELECT coalesce(max(id), 0) FROM events")?.integer(0) ?? 0
    }

    /// Events that happened in a half-open range of time (two bound values).
    static let happenedClause = "WHERE \(Schema.eventHappened) >= ? AND \(Schema.eventHappened) < ?"

    /// The events query with `clause` (internal so tests can read its query plan).
    static func eventsSQL(_ clause: String) -> String {
        "SELECT id, act_id, phase, phase_raw, event_date, observed_at, source_id, url FROM events \(clause) ORDER BY id"
    }

    private func events(where clause: String, _ values: [any SQLiteBindable]) throws -> [ActEvent] {
        try database.query(Self.eventsSQL(clause), values).map { row in
            ActEvent(id: row.integer(0)!, actID: row.integer(1)!, phase: row.text(2) ?? "", phaseRaw: row.text(3),
                     eventDate: StorageCoding.date(row.text(4)), observedAt: StorageCoding.date(row.text(5)) ?? .distantPast,
                     sourceID: row.text(6) ?? "", url: row.text(7))
        }
    }

    /// Full-text search over title and summary, diacritic- and script-insensitive; best matches first.
    /// Every word of the query must match (as a prefix); quotes and operators in the query are ignored.
    public func search(_ query: String, limit: Int = 50) throws -> [StoredAct] {
        let words = TextFolding.folded(query).split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        guard !words.isEmpty else { return [] }
        let match = words.map { "folded:\"\($0)\"*" }.joined(separator: " AND ")
        return try database.query("""
            SELECT \(Self.actColumns.split(separator: ",").map { "acts." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
            FROM acts_fts JOIN acts ON acts.id = acts_fts.rowid
            WHERE acts_fts MATCH ? ORDER BY bm25(acts_fts), acts.id LIMIT ?
            """, match, limit).map(act(from:))
    }

    /// Source ids that reported an act, in first-seen order.
    public func sourceIDs(actID: Int64) throws -> [String] {
        try database.query("SELECT source_id FROM items WHERE act_id = ? GROUP BY source_id ORDER BY min(first_seen), source_id", actID)
            .compactMap { $0.text(0) }
    }
}
