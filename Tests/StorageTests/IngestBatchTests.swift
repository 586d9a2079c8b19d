import Foundation
import Testing
@testable import Storage

/// Batches larger than one lookup chunk: identity must hold across chunk boundaries and against
/// rows written earlier in the same batch.
struct IngestBatchTests {
    /// `count` distinct laws from one source.
    private func laws(_ count: Int, prefix: String = "guid") -> [IncomingItem] {
        (0..<count).map { index in
            IncomingItem(guid: "\(prefix)-\(index)", link: "https://example.si/akt/\(index)", title: "Zakon o občinski zadevi št. \(index)",
                         summary: "Povzetek \(index)", phase: "proposal", phaseRank: 3, actType: "zakon")
        }
    }

    @Test("a batch of several chunks stores each act once and a repeat of it changes nothing")
    func severalChunks() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let count = IngestBatch.chunkSize * 2 + 57
        var items = laws(count)
        // The same item twice in one batch, in different chunks, counts once.
        items.append(items[3])
        #expect(try store.ingest(items, sourceID: "si-dz", jurisdiction: "si", now: monday) == IngestSummary(new: count, unchanged: 1))
        #expect(try store.ingest(items, sourceID: "si-dz", jurisdiction: "si", now: monday.addingTimeInterval(60))
            == IngestSummary(unchanged: count + 1))
        let counts = try store.counts()
        #expect(counts.acts == count && counts.items == count && counts.events == count)
        #expect(try store.search("obcinski zadevi 300").map(\.title) == ["Zakon o občinski zadevi št. 300"])
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("an item later in a batch joins an act created earlier in it, by title or identifier")
    func joinsWithinBatch() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        var items = laws(IngestBatch.chunkSize + 10)
        items[5].identifiers = [ActIdentifier(scheme: "epa", value: "5-IX")]
        // Another guid, same title and type: the same act, a later phase.
        items.append(IncomingItem(guid: "other-1", title: "Predlog zakona o občinski zadevi št. 7 (EPA 7-IX)", phase: "first-reading",
                                  phaseRank: 4, actType: "zakon"))
        // Another guid and title, but the identifier of item 5.
        items.append(IncomingItem(guid: "other-2", title: "ZOZ-5", phase: "adopted", phaseRank: 8,
                                  identifiers: [ActIdentifier(scheme: "epa", value: "5-IX")], actType: "zakon"))
        // The amending law is its own act.
        items.append(IncomingItem(guid: "other-3", title: "Zakon o spremembah Zakona o občinski zadevi št. 7", phase: "proposal",
                                  phaseRank: 3, actType: "zakon"))
        let summary = try store.ingest(items, sourceID: "si-dz", jurisdiction: "si", now: monday)
        #expect(summary == IngestSummary(new: IngestBatch.chunkSize + 11, updated: 2))
        let acts = try store.acts()
        let seventh = try #require(acts.first { $0.title == "Zakon o občinski zadevi št. 7" })
        #expect(seventh.phase == "first-reading")
        #expect(try store.events(actID: seventh.id).map(\.phase) == ["proposal", "first-reading"])
        let fifth = try #require(acts.first { $0.title == "Zakon o občinski zadevi št. 5" })
        #expect(fifth.phase == "adopted")
        #expect(try store.counts().items == items.count)
    }

    @Test("changed items in a large batch update their act; the rest only refresh")
    func changedItems() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        var items = laws(IngestBatch.chunkSize + 30)
        _ = try store.ingest(items, sourceID: "si-dz", jurisdiction: "si", now: monday)
        items[IngestBatch.chunkSize + 4].phase = "adopted"
        items[IngestBatch.chunkSize + 4].phaseRank = 8
        items[1].summary = "Povzetek 1, daljši in podrobnejši"
        let later = monday.addingTimeInterval(86_400)
        let summary = try store.ingest(items, sourceID: "si-dz", jurisdiction: "si", now: later)
        #expect(summary == IngestSummary(updated: 1, unchanged: IngestBatch.chunkSize + 29))
        #expect(try store.acts(ActFilter(phase: "adopted")).map(\.title) == ["Zakon o občinski zadevi št. \(IngestBatch.chunkSize + 4)"])
        #expect(try store.search("podrobnejsi").map(\.title) == ["Zakon o občinski zadevi št. 1"])
        #expect(try store.counts().events == IngestBatch.chunkSize + 31)
        // Unchanged items were seen again.
        let lastSeen = try store.database.first("SELECT min(last_seen) FROM items")?.text(0)
        #expect(lastSeen == StorageCoding.string(later))
    }
}
