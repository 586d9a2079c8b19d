import Foundation
import TextFolding

extension ActStore {
    /// How far back a title match may join an item to an existing act.
    static let titleMatchWindow: TimeInterval = 730 * 24 * 3600

    /// Stores one source's items in a single transaction.
    ///
    /// Item identity within the source falls back guid → link → hash(title + date), so a feed
    /// with broken or changing GUIDs never duplicates. An item joins an existing act when an
    /// official identifier matches, else by title key + jurisdiction + act type within two years.
    /// A new phase appends an event; storing the same input again appends nothing.
    /// - Parameters:
    ///   - items: the parsed, classified items.
    ///   - sourceID: a registered source.
    ///   - jurisdiction: the source's jurisdiction.
    ///   - now: the observation time recorded on new rows and events.
    public func ingest(_ items: [IncomingItem], sourceID: String, jurisdiction: String, now: Date) throws -> IngestSummary {
        try database.transaction {
            var summary = IngestSummary()
            var seenKeys = Set<String>()
            for item in items {
                let key = Self.itemKey(item)
                guard seenKeys.insert(key).inserted else { summary.unchanged += 1; continue }
                switch try ingestOne(item, key: key, sourceID: sourceID, jurisdiction: jurisdiction, now: now) {
                case .new: summary.new += 1
                case .updated: summary.updated += 1
                case .unchanged: summary.unchanged += 1
                }
            }
            return summary
        }
    }

    private enum Outcome { case new, updated, unchanged }

    /// guid → link → hash(title + date).
    static func itemKey(_ item: IncomingItem) -> String {
        if let guid = item.guid?.trimmingCharacters(in: .whitespacesAndNewlines), !guid.isEmpty { return "g:" + guid }
        if let link = item.link?.trimmingCharacters(in: .whitespacesAndNewlines), !link.isEmpty { return "l:" + link }
        return "h:" + ContentHash.of([item.title, StorageCoding.string(item.documentDate)])
    }

    static func contentHash(_ item: IncomingItem) -> String {
        ContentHash.of([item.title, item.summary, item.phase, item.phaseRaw, item.link,
                        StorageCoding.string(item.documentDate), StorageCoding.string(item.inForce),
                        item.identifiers.map(\.description).sorted().joined(separator: "|")])
    }

    private func ingestOne(_ item: IncomingItem, key: String, sourceID: String, jurisdiction: String,
                           now: Date) throws -> Outcome {
        let nowText = StorageCoding.string(now)
        let hash = Self.contentHash(item)
        if let existing = try database.first("SELECT content_hash, act_id FROM items WHERE source_id = ? AND item_key = ?",
                                             sourceID, key) {
            if existing.text(0) == hash {
                try database.run("UPDATE items SET last_seen = ? WHERE source_id = ? AND item_key = ?", nowText, sourceID, key)
                return .unchanged
            }
            let actID = existing.integer(1)!
            let changed = try merge(item, into: actID, sourceID: sourceID, now: now)
            try database.run("UPDATE items SET content_hash = ?, guid = ?, link = ?, last_seen = ? WHERE source_id = ? AND item_key = ?",
                             hash, item.guid, item.link, nowText, sourceID, key)
            return changed ? .updated : .unchanged
        }
        let outcome: Outcome
        let actID: Int64
        let titleKey = TitleKey.of(item.title)
        if let match = try findAct(for: item, titleKey: titleKey, jurisdiction: jurisdiction, now: now) {
            actID = match
            outcome = try merge(item, into: actID, sourceID: sourceID, now: now) ? .updated : .unchanged
        } else {
            actID = try insertAct(item, titleKey: titleKey, sourceID: sourceID, jurisdiction: jurisdiction, now: now)
            outcome = .new
        }
        try database.run("""
            INSERT INTO items (source_id, item_key, guid, link, content_hash, act_id, first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, sourceID, key, item.guid, item.link, hash, actID, nowText, nowText)
        return outcome
    }

    private func findAct(for item: IncomingItem, titleKey: String, jurisdiction: String, now: Date) throws -> Int64? {
        for identifier in item.identifiers where identifier.identifiesAct {
            if let row = try database.first("SELECT act_id FROM act_identifiers WHERE scheme = ? AND value = ? LIMIT 1",
                                            identifier.scheme, identifier.value) {
                return row.integer(0)
            }
        }
        let key = titleKey
        guard !key.isEmpty else { return nil }
        let since = StorageCoding.string(now.addingTimeInterval(-Self.titleMatchWindow))
        return try database.first("""
            SELECT id FROM acts WHERE jurisdiction = ? AND title_key = ? AND coalesce(act_type, '') = coalesce(?, '')
                AND last_changed >= ? ORDER BY last_changed DESC LIMIT 1
            """, jurisdiction, key, item.actType, since)?.integer(0)
    }

    private func insertAct(_ item: IncomingItem, titleKey: String, sourceID: String, jurisdiction: String, now: Date) throws -> Int64 {
        let nowText = StorageCoding.string(now)
        try database.run("""
            INSERT INTO acts (title, title_key, act_type, jurisdiction, summary, link, phase, phase_rank, phase_raw,
                              phase_since, document_date, in_force, municipal, relevance, domains, why,
                              first_seen, last_changed, source_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, item.title, titleKey, item.actType, jurisdiction, item.summary, item.link,
            item.phase, item.phaseRank, item.phaseRaw, nowText, StorageCoding.string(item.documentDate),
            StorageCoding.string(item.inForce), item.municipal, item.relevance,
            StorageCoding.json(domains: item.domains), StorageCoding.json(strings: item.why), nowText, nowText, sourceID)
        let actID = database.lastInsertRowID
        try addIdentifiers(item.identifiers, to: actID)
        // A new act has no events and no search row yet: no need to look for either.
        try appendEvent(actID: actID, item: item, sourceID: sourceID, now: now, checkExisting: false)
        try indexForSearch(actID: actID, title: item.title, summary: item.summary, replacing: false)
        return actID
    }

    /// Folds a later sighting into an act; returns whether anything changed.
    private func merge(_ item: IncomingItem, into actID: Int64, sourceID: String, now: Date) throws -> Bool {
        guard let act = try database.first("SELECT phase, phase_rank, summary, relevance, link, in_force FROM acts WHERE id = ?", actID) else {
            return false
        }
        var changed = try addIdentifiers(item.identifiers, to: actID)
        changed = try appendEvent(actID: actID, item: item, sourceID: sourceID, now: now) || changed
        let nowText = StorageCoding.string(now)
        let currentRank = Int(act.integer(1) ?? 0)
        if item.phase != act.text(0), item.phaseRank > currentRank {
            try database.run("""
                UPDATE acts SET phase = ?, phase_rank = ?, phase_raw = ?, phase_since = ?, last_changed = ? WHERE id = ?
                """, item.phase, item.phaseRank, item.phaseRaw, nowText, nowText, actID)
            changed = true
        }
        // Keep the richest text and the strongest classification seen in any source.
        let summaryLength = act.text(2)?.count ?? 0
        if let summary = item.summary, summary.count > summaryLength {
            try database.run("UPDATE acts SET summary = ? WHERE id = ?", summary, actID)
            let title = try database.first("SELECT title FROM acts WHERE id = ?", actID)?.text(0) ?? item.title
            try indexForSearch(actID: actID, title: title, summary: summary)
        }
        if item.relevance > (act.real(3) ?? 0) {
            try database.run("UPDATE acts SET municipal = ?, relevance = ?, domains = ?, why = ? WHERE id = ?",
                             item.municipal, item.relevance, StorageCoding.json(domains: item.domains), StorageCoding.json(strings: item.why), actID)
        }
        if act.text(4) == nil, let link = item.link {
            try database.run("UPDATE acts SET link = ? WHERE id = ?", link, actID)
        }
        if act.text(5) == nil, let inForce = item.inForce {
            try database.run("UPDATE acts SET in_force = ? WHERE id = ?", StorageCoding.string(inForce), actID)
            changed = true
        }
        if changed { try database.run("UPDATE acts SET last_changed = ? WHERE id = ?", nowText, actID) }
        return changed
    }

    @discardableResult
    private func addIdentifiers(_ identifiers: [ActIdentifier], to actID: Int64) throws -> Bool {
        var added = false
        for identifier in identifiers {
            added = try database.run("INSERT OR IGNORE INTO act_identifiers (scheme, value, act_id) VALUES (?, ?, ?)",
                                     identifier.scheme, identifier.value, actID) > 0 || added
        }
        return added
    }

    /// Appends a phase event unless this act already has one with the same phase and wording.
    @discardableResult
    private func appendEvent(actID: Int64, item: IncomingItem, sourceID: String, now: Date,
                             checkExisting: Bool = true) throws -> Bool {
        if checkExisting {
            let exists = try database.first("""
                SELECT 1 FROM events WHERE act_id = ? AND phase = ? AND coalesce(phase_raw, '') = coalesce(?, '') LIMIT 1
                """, actID, item.phase, item.phaseRaw) != nil
            guard !exists else { return false }
        }
        try database.run("""
            INSERT INTO events (act_id, phase, phase_raw, event_date, observed_at, source_id, url) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, actID, item.phase, item.phaseRaw, StorageCoding.string(item.documentDate), StorageCoding.string(now),
            sourceID, item.link)
        return true
    }

    /// Keeps the FTS row of an act current: title, summary, and a folded transliterated copy so
    /// "obcina" finds "občina" and a Latin query finds Cyrillic acts.
    func indexForSearch(actID: Int64, title: String, summary: String?, replacing: Bool = true) throws {
        if replacing { try database.run("DELETE FROM acts_fts WHERE rowid = ?", actID) }
        try database.run("INSERT INTO acts_fts (rowid, title, summary, folded) VALUES (?, ?, ?, ?)",
                         actID, title, summary, TextFolding.folded(title + " " + (summary ?? "")))
    }
}
