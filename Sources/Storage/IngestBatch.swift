import Foundation
import TextFolding

/// Writes one source batch inside the caller's transaction.
///
/// Items are looked up a chunk at a time: one query finds which item keys the source already has
/// (with their content hash and act), one finds which title keys already name an act in the
/// jurisdiction. Official identifiers are still looked up one by one (few items carry them). An
/// item that is new, matches no identifier and whose title key names no act (in the database or
/// earlier in this batch) is inserted directly with statements prepared once per batch; values
/// shared by the whole batch are bound once. A possible title match takes the exact per-item query
/// (``ActStore/actID(titleKey:actType:jurisdiction:now:)``), and a match or a changed item is
/// merged by ``ActStore/merge(_:into:sourceID:now:)``, as before.
struct IngestBatch {
    /// Items per lookup query (the store benchmark's C loop uses the same,
    /// `PG_SQLITE_INSERT_LOOKUP_CHUNK`).
    static let chunkSize = 200

    private let store: ActStore
    private let jurisdiction: String
    private let sourceID: String
    private let now: Date
    private let nowText: String
    private let insertAct: SQLiteStatement
    private let insertEvent: SQLiteStatement
    private let insertSearch: SQLiteStatement
    private let insertItem: SQLiteStatement
    private let touchItem: SQLiteStatement
    private let updateItem: SQLiteStatement
    private let knownItems: SQLiteStatement
    private let knownTitles: SQLiteStatement
    /// Item keys handled in this batch: a repeated item counts as unchanged.
    private var seenKeys = Set<String>()
    /// 64-bit hashes of the title keys of acts created in this batch. A hash collision only sends
    /// an item to the exact per-item query.
    private var createdTitleKeys = Set<UInt64>()
    private var summary = IngestSummary()
    /// The domains of the last act created and their JSON.
    private var lastDomains: (domains: [StoredDomain], json: String) = ([], "[]")

    /// Prepares the batch's statements. Call inside a transaction.
    init(store: ActStore, sourceID: String, jurisdiction: String, now: Date) throws {
        self.store = store
        self.sourceID = sourceID
        self.jurisdiction = jurisdiction
        self.now = now
        nowText = StorageCoding.string(now)
        let database = store.database
        func prepare(_ sql: String) throws -> SQLiteStatement { try SQLiteStatement(database: database, sql: sql) }
        insertAct = try prepare("""
            INSERT INTO acts (title, title_key, act_type, jurisdiction, summary, link, phase, phase_rank, phase_raw,
                              phase_since, document_date, in_force, municipal, relevance, domains, why,
                              first_seen, last_changed, source_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?10, ?10, ?17)
            """)
        try insertAct.bind(jurisdiction, at: 4)
        try insertAct.bind(nowText, at: 10)
        try insertAct.bind(sourceID, at: 17)
        insertEvent = try prepare("""
            INSERT INTO events (act_id, phase, phase_raw, event_date, observed_at, source_id, url)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """)
        try insertEvent.bind(nowText, at: 5)
        try insertEvent.bind(sourceID, at: 6)
        insertSearch = try prepare("INSERT INTO acts_fts (rowid, title, summary, folded) VALUES (?1, ?2, ?3, ?4)")
        insertItem = try prepare("""
            INSERT INTO items (source_id, item_key, guid, link, content_hash, act_id, first_seen, last_seen)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
            """)
        try insertItem.bind(sourceID, at: 1)
        try insertItem.bind(nowText, at: 7)
        touchItem = try prepare("UPDATE items SET last_seen = ?1 WHERE source_id = ?2 AND item_key = ?3")
        try touchItem.bind(nowText, at: 1)
        try touchItem.bind(sourceID, at: 2)
        updateItem = try prepare("""
            UPDATE items SET content_hash = ?3, guid = ?4, link = ?5, last_seen = ?6 WHERE source_id = ?1 AND item_key = ?2
            """)
        try updateItem.bind(sourceID, at: 1)
        try updateItem.bind(nowText, at: 6)
        let placeholders = (0..<Self.chunkSize).map { "?\($0 + 2)" }.joined(separator: ", ")
        knownItems = try prepare("""
            SELECT item_key, content_hash, act_id FROM items WHERE source_id = ?1 AND item_key IN (\(placeholders))
            """)
        try knownItems.bind(sourceID, at: 1)
        knownTitles = try prepare("SELECT DISTINCT title_key FROM acts WHERE jurisdiction = ?1 AND title_key IN (\(placeholders))")
        try knownTitles.bind(jurisdiction, at: 1)
    }

    /// Stores the items in order and counts what happened.
    mutating func store(_ items: [IncomingItem]) throws -> IngestSummary {
        seenKeys.reserveCapacity(items.count)
        createdTitleKeys.reserveCapacity(items.count)
        // Items are read in place through the buffer: copying one would retain each of its fields.
        try items.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                let end = min(start + Self.chunkSize, buffer.count)
                try store(chunk: UnsafeBufferPointer(rebasing: buffer[start..<end]))
                start = end
            }
        }
        return summary
    }

    /// A stored item: its content hash and its act.
    private struct KnownItem {
        var contentHash: String
        var actID: Int64
    }

    private mutating func store(chunk: UnsafeBufferPointer<IncomingItem>) throws {
        let keys = chunk.indices.map { ActStore.itemKey(chunk[$0]) }
        let known = try lookUpItems(keys)
        // Fold the titles of possibly new items once, for both the title key and the search index.
        var folded: [[UInt8]] = []
        var titleKeys: [[UInt8]] = []
        folded.reserveCapacity(keys.count)
        titleKeys.reserveCapacity(keys.count)
        for offset in chunk.indices {
            guard known.isEmpty || known[keys[offset]] == nil else {
                folded.append([])
                titleKeys.append([])
                continue
            }
            let title = TextFolding.foldedBytes(chunk[offset].title)
            folded.append(title)
            titleKeys.append(TitleKey.key(folded: title))
        }
        let namedTitles = try lookUpTitles(titleKeys.filter { !$0.isEmpty })
        for offset in chunk.indices {
            let key = keys[offset]
            guard seenKeys.insert(key).inserted else {
                summary.unchanged += 1
                continue
            }
            if !known.isEmpty, let stored = known[key] {
                try storeSeen(chunk[offset], key: key, stored: stored)
            } else {
                try storeNew(chunk[offset], key: key, titleKey: titleKeys[offset], foldedTitle: folded[offset],
                             namedTitles: namedTitles)
            }
        }
    }

    /// An item the source has not reported before: it joins the act an identifier or its title
    /// names, else it creates one.
    private mutating func storeNew(_ item: IncomingItem, key: String, titleKey: [UInt8], foldedTitle: [UInt8],
                                   namedTitles: Set<[UInt8]>) throws {
        var match = try store.actID(identifiedBy: item.identifiers)
        let titleHash = Self.hash(titleKey)
        if match == nil, !titleKey.isEmpty,
           createdTitleKeys.contains(titleHash) || (!namedTitles.isEmpty && namedTitles.contains(titleKey)) {
            match = try store.actID(titleKey: String(decoding: titleKey, as: UTF8.self), actType: item.actType,
                                    jurisdiction: jurisdiction, now: now)
        }
        let actID: Int64
        if let match {
            actID = match
            if try store.merge(item, into: actID, sourceID: sourceID, now: now) {
                summary.updated += 1
            } else {
                summary.unchanged += 1
            }
        } else {
            actID = try createAct(item, titleKey: titleKey, foldedTitle: foldedTitle)
            createdTitleKeys.insert(titleHash)
            summary.new += 1
        }
        try insertItem.bind(key, at: 2)
        try insertItem.bind(item.guid, at: 3)
        try insertItem.bind(item.link, at: 4)
        try insertItem.bind(ActStore.contentHash(item), at: 5)
        try insertItem.bind(actID, at: 6)
        try insertItem.run()
    }

    /// An item the source reported before: unchanged content only refreshes `last_seen`.
    private mutating func storeSeen(_ item: IncomingItem, key: String, stored: KnownItem) throws {
        let hash = ActStore.contentHash(item)
        if hash == stored.contentHash {
            try touchItem.bind(key, at: 3)
            try touchItem.run()
            summary.unchanged += 1
            return
        }
        let changed = try store.merge(item, into: stored.actID, sourceID: sourceID, now: now)
        try updateItem.bind(key, at: 2)
        try updateItem.bind(hash, at: 3)
        try updateItem.bind(item.guid, at: 4)
        try updateItem.bind(item.link, at: 5)
        try updateItem.run()
        if changed { summary.updated += 1 } else { summary.unchanged += 1 }
    }

    /// A new act with its identifiers, first event and search row.
    private mutating func createAct(_ item: IncomingItem, titleKey: [UInt8], foldedTitle: [UInt8]) throws -> Int64 {
        let documentDate = StorageCoding.string(item.documentDate)
        try insertAct.bind(item.title, at: 1)
        try insertAct.bind(utf8: titleKey, at: 2)
        try insertAct.bind(item.actType, at: 3)
        try insertAct.bind(item.summary, at: 5)
        try insertAct.bind(item.link, at: 6)
        try insertAct.bind(item.phase, at: 7)
        try insertAct.bind(Int64(item.phaseRank), at: 8)
        try insertAct.bind(item.phaseRaw, at: 9)
        try insertAct.bind(documentDate, at: 11)
        try insertAct.bind(StorageCoding.string(item.inForce), at: 12)
        try insertAct.bind(Int64(item.municipal ? 1 : 0), at: 13)
        try insertAct.bind(item.relevance, at: 14)
        // Classification gives many items the same domains: reuse the last JSON when they repeat.
        if item.domains != lastDomains.domains {
            lastDomains = (item.domains, StorageCoding.json(domains: item.domains))
        }
        try insertAct.bind(lastDomains.json, at: 15)
        try insertAct.bind(StorageCoding.json(strings: item.why), at: 16)
        try insertAct.run()
        let actID = store.database.lastInsertRowID
        try store.addIdentifiers(item.identifiers, to: actID)
        // A new act has no events and no search row yet: no need to look for either.
        try insertEvent.bind(actID, at: 1)
        try insertEvent.bind(item.phase, at: 2)
        try insertEvent.bind(item.phaseRaw, at: 3)
        try insertEvent.bind(documentDate, at: 4)
        try insertEvent.bind(item.link, at: 7)
        try insertEvent.run()
        try insertSearch.bind(actID, at: 1)
        try insertSearch.bind(item.title, at: 2)
        try insertSearch.bind(item.summary, at: 3)
        try insertSearch.bind(utf8: ActStore.searchFolded(title: item.title, foldedTitle: foldedTitle, summary: item.summary), at: 4)
        try insertSearch.run()
        return actID
    }

    private static func hash(_ titleKey: [UInt8]) -> UInt64 {
        var hasher = ContentHash.Hasher()
        hasher.add(bytes: titleKey)
        return hasher.value
    }

    /// The chunk's item keys this source already has.
    private func lookUpItems(_ keys: [String]) throws -> [String: KnownItem] {
        guard let last = keys.last else { return [:] }
        // Unused places repeat the last key: the statement always has `chunkSize` of them.
        for place in 0..<Self.chunkSize {
            try knownItems.bind(place < keys.count ? keys[place] : last, at: Int32(place + 2))
        }
        defer { knownItems.reset() }
        var known: [String: KnownItem] = [:]
        while try knownItems.step() {
            guard let key = knownItems.text(at: 0) else { continue }
            known[key] = KnownItem(contentHash: knownItems.text(at: 1) ?? "", actID: knownItems.integer(at: 2))
        }
        return known
    }

    /// Which of the title keys already name an act in the jurisdiction (any type, any date: the
    /// exact match is decided per item).
    private func lookUpTitles(_ keys: [[UInt8]]) throws -> Set<[UInt8]> {
        guard let last = keys.last else { return [] }
        for place in 0..<Self.chunkSize {
            try knownTitles.bind(utf8: place < keys.count ? keys[place] : last, at: Int32(place + 2))
        }
        defer { knownTitles.reset() }
        var named = Set<[UInt8]>()
        while try knownTitles.step() {
            if let key = knownTitles.bytes(at: 0) { named.insert(key) }
        }
        return named
    }
}
