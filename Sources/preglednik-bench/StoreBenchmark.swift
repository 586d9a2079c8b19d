import BenchBaselines
import Foundation
import Storage

/// Bulk insert of new acts through ``ActStore`` next to a plain C sqlite3 loop writing the same rows
/// (act, item, event, FTS5 row) with the same schema, in the same process.
enum StoreBenchmark {
    static func run(acts count: Int) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preglednik-bench-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let cSeconds = pg_sqlite_insert_baseline(folder.appendingPathComponent("c.sqlite").path, ActStore.schemaSQL, Int32(count))
        guard cSeconds > 0 else {
            print("store: C baseline failed")
            return
        }
        var buffer = [CChar](repeating: 0, count: 256)
        let items: [IncomingItem] = (0..<count).map { index in
            _ = pg_bench_act_title(&buffer, 256, Int32(index))
            let title = String(cString: buffer)
            return IncomingItem(guid: "guid-\(index)", link: "https://example.org/akt/\(index)", title: title, summary: title,
                                phase: "published", phaseRank: 10, actType: "zakon", municipal: true, relevance: 0.8,
                                domains: [StoredDomain(id: "local-finance", score: 0.8)])
        }
        do {
            let store = try ActStore(path: folder.appendingPathComponent("swift.sqlite").path)
            try store.registerSource(id: "bench", name: "Bench", jurisdiction: "si")
            let start = Date()
            let summary = try store.ingest(items, sourceID: "bench", jurisdiction: "si", now: Date())
            let seconds = Date().timeIntervalSince(start)
            guard summary.new == count else {
                print("store: expected \(count) new acts, got \(summary.new)")
                return
            }
            let swiftRate = Double(count) / seconds
            let cRate = Double(count) / cSeconds
            print(String(format: "store: %d acts  ActStore.ingest %.0f rows/s  C sqlite3 loop %.0f rows/s  ratio %.2f× (goal ≥ 0.8×)",
                         count, swiftRate, cRate, swiftRate / cRate))
        } catch {
            print("store: \(error)")
        }
    }
}
