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
            var batch = try IngestBatch(store: self, sourceID: sourceID, jurisdiction: jurisdiction, now: now)
            return try batch.store(items)
        }
    }

    /// guid → link → hash(title + date).
    static func itemKey(_ item: IncomingItem) -> String {
        if let guid = item.guid.map(trimmingWhitespace), !guid.isEmpty { return "g:" + guid }
        if let link = item.link.map(trimmingWhitespace), !link.isEmpty { return "l:" + link }
        return "h:" + ContentHash.of([item.title, StorageCoding.string(item.documentDate)])
    }

    /// `text` without leading and trailing white space (the Unicode White_Space set, which is
    /// `CharacterSet.whitespacesAndNewlines`), without Foundation's bridging cost.
    static func trimmingWhitespace(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return Substring(scalars[first...last])
    }

    static func contentHash(_ item: IncomingItem) -> String {
        var hasher = ContentHash.Hasher()
        hasher.add(item.title)
        hasher.add(item.summary)
        hasher.add(item.phase)
        hasher.add(item.phaseRaw)
        hasher.add(item.link)
        hasher.add(StorageCoding.string(item.documentDate))
        hasher.add(StorageCoding.string(item.inForce))
        hasher.add(item.identifiers.isEmpty ? "" : item.identifiers.map(\.description).sorted().joined(separator: "|"))
        return hasher.hex
    }

    /// The act an official identifier of the item already names, if any.
    func actID(identifiedBy identifiers: [ActIdentifier]) throws -> Int64? {
        for identifier in identifiers where identifier.identifiesAct {
            if let row = try database.first("SELECT act_id FROM act_identifiers WHERE scheme = ? AND value = ? LIMIT 1",
                                            identifier.scheme, identifier.value) {
                return row.integer(0)
            }
        }
        return nil
    }

    /// The most recently changed act with this title key, jurisdiction and act type changed within
    /// the title-match window, if any.
    func actID(titleKey: String, actType: String?, jurisdiction: String, now: Date) throws -> Int64? {
        guard !titleKey.isEmpty else { return nil }
        let since = StorageCoding.string(now.addingTimeInterval(-Self.titleMatchWindow))
        return try database.first("""
            SELECT id FROM acts WHERE jurisdiction = ? AND title_key = ? AND coalesce(act_type, '') = coalesce(?, '')
                AND last_changed >= ? ORDER BY last_changed DESC LIMIT 1
            """, jurisdiction, titleKey, actType, since)?.integer(0)
    }

    /// Folds a later sighting into an act; returns whether anything changed.
    func merge(_ item: IncomingItem, into actID: Int64, sourceID: String, now: Date) throws -> Bool {
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
    func addIdentifiers(_ identifiers: [ActIdentifier], to actID: Int64) throws -> Bool {
        var added = false
        for identifier in identifiers {
            added = try database.run("INSERT OR IGNORE INTO act_identifiers (scheme, value, act_id) VALUES (?, ?, ?)",
                                     identifier.scheme, identifier.value, actID) > 0 || added
        }
        return added
    }

    /// Appends a phase event unless this act already has one with the same phase and wording.
    @discardableResult
    func appendEvent(actID: Int64, item: IncomingItem, sourceID: String, now: Date,
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
    func indexForSearch(actID: Int64, title: String, summary: String?) throws {
        try database.run("DELETE FROM acts_fts WHERE rowid = ?", actID)
        let folded = Self.searchFolded(title: title, foldedTitle: TextFolding.foldedBytes(title), summary: summary)
        try database.run("INSERT INTO acts_fts (rowid, title, summary, folded) VALUES (?, ?, ?, ?)",
                         actID, title, summary, String(decoding: folded, as: UTF8.self))
    }

    /// The folded column of the search index: `TextFolding.folded(title + " " + summary)`, built
    /// from a title folded once for both its title key and the index. A summary that only repeats
    /// the title (common in feeds) is not folded again.
    static func searchFolded(title: String, foldedTitle: [UInt8], summary: String?) -> [UInt8] {
        var text = foldedTitle
        guard let summary else { return text }
        let titleEnd = text.count
        if titleEnd > 0 { text.append(0x20) }
        let summaryStart = text.count
        if summary == title {
            text.append(contentsOf: foldedTitle)
        } else {
            TextFolding.fold(summary, into: &text)
        }
        if text.count == summaryStart { text.removeSubrange(titleEnd...) }
        return text
    }
}
