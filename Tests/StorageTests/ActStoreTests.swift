import Foundation
import Testing
@testable import Storage

/// A real SQLite file in a fresh temporary folder.
func temporaryStore() throws -> (ActStore, URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
    let store = try ActStore(path: folder.appendingPathComponent("preglednik.sqlite").path)
    try store.registerSource(id: "si-dz", name: "Državni zbor", jurisdiction: "si")
    try store.registerSource(id: "si-ul", name: "Uradni list RS", jurisdiction: "si")
    try store.registerSource(id: "rs-sg", name: "Службени гласник", jurisdiction: "rs")
    return (store, folder)
}

let monday = try! Date("2026-11-16T09:00:00Z", strategy: .iso8601)

struct ActStoreTests {
    @Test("re-running the same batch adds no acts, events or items")
    func idempotent() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let items = [
            IncomingItem(guid: "epa-1", title: "Predlog zakona o financiranju občin", phase: "first-reading", phaseRank: 4,
                         phaseRaw: "prva obravnava", identifiers: [ActIdentifier(scheme: "epa", value: "1234-IX")]),
            IncomingItem(guid: "epa-2", title: "Predlog zakona o obrambi", phase: "proposal", phaseRank: 3),
        ]
        let first = try store.ingest(items, sourceID: "si-dz", jurisdiction: "si", now: monday)
        #expect(first == IngestSummary(new: 2))
        let again = try store.ingest(items, sourceID: "si-dz", jurisdiction: "si", now: monday.addingTimeInterval(3600))
        #expect(again == IngestSummary(unchanged: 2))
        let counts = try store.counts()
        #expect(counts.acts == 2 && counts.events == 2 && counts.items == 2)
    }

    @Test("a phase change appends one event and moves the act forward")
    func phaseHistory() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        func item(_ phase: String, _ rank: Int, _ raw: String) -> IncomingItem {
            IncomingItem(guid: "epa-1", title: "Predlog zakona o financiranju občin", phase: phase, phaseRank: rank, phaseRaw: raw)
        }
        _ = try store.ingest([item("first-reading", 4, "prva obravnava")], sourceID: "si-dz", jurisdiction: "si", now: monday)
        let later = monday.addingTimeInterval(86_400)
        let summary = try store.ingest([item("second-reading", 5, "druga obravnava - MDT")], sourceID: "si-dz", jurisdiction: "si", now: later)
        #expect(summary == IngestSummary(updated: 1))
        let act = try #require(try store.acts().first)
        #expect(act.phase == "second-reading")
        #expect(act.phaseSince == later)
        let events = try store.events(actID: act.id)
        #expect(events.map(\.phase) == ["first-reading", "second-reading"])
        #expect(events[1].id > events[0].id)
        #expect(events.map(\.phaseRaw) == ["prva obravnava", "druga obravnava - MDT"])
    }

    @Test("one act seen in parliament and gazette is one act; an amending law is not the law it amends")
    func identityAcrossSources() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.ingest([
            IncomingItem(guid: "dz-77", title: "Predlog zakona o urejanju prostora (EPA 77-IX)", phase: "third-reading", phaseRank: 6,
                         actType: "zakon"),
            IncomingItem(guid: "dz-78", title: "Predlog zakona o spremembah in dopolnitvah Zakona o urejanju prostora", phase: "proposal",
                         phaseRank: 3, actType: "zakon"),
            IncomingItem(guid: "dz-79", title: "Zakon o lokalni samoupravi", phase: "proposal", phaseRank: 3,
                         identifiers: [ActIdentifier(scheme: "epa", value: "1500-IX")], actType: "zakon"),
        ], sourceID: "si-dz", jurisdiction: "si", now: monday)
        let summary = try store.ingest([
            IncomingItem(guid: "ul-1", title: "Zakon o urejanju prostora", phase: "published", phaseRank: 10, actType: "zakon"),
            IncomingItem(guid: "ul-2", title: "Zakon o spremembah Zakona o lokalni samoupravi (ZLS-X)", phase: "published", phaseRank: 10,
                         identifiers: [ActIdentifier(scheme: "epa", value: "1500-IX"),
                                       ActIdentifier(scheme: "citation", value: "Uradni list RS, št. 98/2026")], actType: "zakon"),
            IncomingItem(guid: "ul-3", title: "Uredba o urejanju prostora", phase: "published", phaseRank: 10,
                         identifiers: [ActIdentifier(scheme: "citation", value: "Uradni list RS, št. 98/2026")], actType: "uredba"),
        ], sourceID: "si-ul", jurisdiction: "si", now: monday.addingTimeInterval(7200))
        #expect(summary == IngestSummary(new: 1, updated: 2))
        let acts = try store.acts()
        #expect(acts.count == 4)
        let spatial = try #require(acts.first { $0.title.hasPrefix("Predlog zakona o urejanju") })
        #expect(spatial.phase == "published")
        #expect(try store.sourceIDs(actID: spatial.id) == ["si-dz", "si-ul"])
        let amending = try #require(acts.first { $0.title.contains("spremembah in dopolnitvah") })
        #expect(amending.phase == "proposal")
        // Two acts in the same gazette issue share a citation but stay two acts.
        let decree = try #require(acts.first { $0.title.hasPrefix("Uredba") })
        #expect(decree.identifiers == [ActIdentifier(scheme: "citation", value: "Uradni list RS, št. 98/2026")])
    }

    @Test("items without GUIDs fall back to link, then to title and date")
    func itemIdentityFallback() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let batch = [
            IncomingItem(link: "https://example.si/a", title: "Odlok o proračunu", phase: "published", phaseRank: 10),
            IncomingItem(title: "Pravilnik o vrtcih", documentDate: monday, phase: "published", phaseRank: 10),
            IncomingItem(guid: "  ", title: "Pravilnik o šolah", documentDate: monday, phase: "published", phaseRank: 10),
        ]
        #expect(try store.ingest(batch, sourceID: "si-ul", jurisdiction: "si", now: monday) == IngestSummary(new: 3))
        #expect(try store.ingest(batch, sourceID: "si-ul", jurisdiction: "si", now: monday) == IngestSummary(unchanged: 3))
        #expect(try store.counts().items == 3)
    }

    @Test("search ignores diacritics and script")
    func search() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.ingest([IncomingItem(guid: "1", title: "Zakon o financiranju občin", summary: "Povprečnina za leto 2027",
                                           phase: "proposal", phaseRank: 3)],
                             sourceID: "si-dz", jurisdiction: "si", now: monday)
        _ = try store.ingest([IncomingItem(guid: "2", title: "Закон о локалној самоуправи", phase: "published", phaseRank: 10)],
                             sourceID: "rs-sg", jurisdiction: "rs", now: monday)
        #expect(try store.search("obcin").map(\.title) == ["Zakon o financiranju občin"])
        #expect(try store.search("povprecnina").count == 1)
        #expect(try store.search("lokalnoj samoupravi").map(\.title) == ["Закон о локалној самоуправи"])
        #expect(try store.search("самоуправи").count == 1)
        #expect(try store.search("\"unbalanced OR").isEmpty)
        #expect(try store.search("vojska").isEmpty)
    }

    @Test("filters by phase, domain and date")
    func filters() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.ingest([
            IncomingItem(guid: "1", title: "Zakon o vrtcih", phase: "proposal", phaseRank: 3, municipal: true, relevance: 0.8,
                         domains: [StoredDomain(id: "education", score: 0.9)]),
            IncomingItem(guid: "2", title: "Zakon o obrambi", phase: "adopted", phaseRank: 8),
        ], sourceID: "si-dz", jurisdiction: "si", now: monday)
        #expect(try store.acts(ActFilter(domain: "education")).map(\.title) == ["Zakon o vrtcih"])
        #expect(try store.acts(ActFilter(phase: "adopted")).map(\.title) == ["Zakon o obrambi"])
        #expect(try store.acts(ActFilter(since: monday.addingTimeInterval(1))).isEmpty)
        #expect(try store.acts(ActFilter(municipalOnly: true)).count == 1)
    }

    @Test("a week's events are found through the events_happened index, also after migrating a version 2 database")
    func weeklyEventsUseTheirIndex() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        func plan(_ store: ActStore) throws -> String {
            try store.database.query("EXPLAIN QUERY PLAN " + ActStore.eventsSQL(ActStore.happenedClause), "2026-11-23", "2026-11-30")
                .compactMap { $0.text(3) }.joined(separator: "; ")
        }
        let before = try plan(store)
        #expect(before.contains("USING INDEX events_happened"), "plan: \(before)")
        // A database written before the index existed gets it when it is opened.
        try store.database.execute("DROP INDEX events_happened; PRAGMA user_version = 2")
        let indexCount = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'events_happened'"
        #expect(try store.database.first(indexCount)?.integer(0) == 0)
        let reopened = try ActStore(path: store.database.path)
        #expect(try reopened.schemaVersion() == 3)
        #expect(try plan(reopened).contains("USING INDEX events_happened"))
    }

    @Test("a database from a newer version is refused with a clear message")
    func newerSchemaRefused() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.database.execute("PRAGMA user_version = 99")
        let path = store.database.path
        #expect {
            _ = try ActStore(path: path)
        } throws: { error in
            String(describing: error).contains("schema version 99")
        }
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("a failed batch leaves nothing behind")
    func batchIsAtomic() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        // An unregistered source violates the foreign key in the middle of the batch.
        #expect(throws: SQLiteError.self) {
            _ = try store.ingest([IncomingItem(guid: "1", title: "Zakon o vrtcih", phase: "proposal", phaseRank: 3)],
                                 sourceID: "nope", jurisdiction: "si", now: monday)
        }
        #expect(try store.counts().acts == 0)
        #expect(try store.counts().events == 0)
    }
}
