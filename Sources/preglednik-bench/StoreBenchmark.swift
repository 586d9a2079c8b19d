import BenchBaselines
import Foundation
import Storage

/// Bulk insert of new acts through ``ActStore`` next to a plain C sqlite3 loop writing the same rows
/// (act, item, event, FTS5 row) with the same schema, in the same process. The C loop also makes
/// the identity look-ups the store must make (which item keys and title keys already exist), with
/// the same `IN (…)` queries per chunk of rows, so both sides do the same SQL work.
///
/// The machine is shared, so the ratio is taken on CPU time of the measuring thread (user + system,
/// `CLOCK_THREAD_CPUTIME_ID`), best of `rounds` runs of each side in alternating order; wall-clock
/// rates are printed beside it.
enum StoreBenchmark {
    static func run(acts count: Int, rounds: Int = 5) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preglednik-bench-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var buffer = [CChar](repeating: 0, count: 256)
        let items: [IncomingItem] = (0..<count).map { index in
            _ = pg_bench_act_title(&buffer, 256, Int32(index))
            let title = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            return IncomingItem(guid: "guid-\(index)", link: "https://example.org/akt/\(index)", title: title, summary: title,
                                phase: "published", phaseRank: 10, actType: "zakon", municipal: true, relevance: 0.8,
                                domains: [StoredDomain(id: "local-finance", score: 0.8)])
        }
        var best = (c: Timing.worst, swift: Timing.worst)
        for round in 0..<rounds {
            // Alternate which side goes first, and delete each database right after its run, so
            // neither side inherits the other's dirty pages or page cache.
            for side in round.isMultiple(of: 2) ? [Side.c, .swift] : [.swift, .c] {
                let path = folder.appendingPathComponent("\(side)-\(round).sqlite").path
                defer { removeDatabase(at: path) }
                switch side {
                case .c:
                    var cpu = 0.0
                    let wall = pg_sqlite_insert_baseline(path, ActStore.schemaSQL, Int32(count), &cpu)
                    guard wall > 0 else {
                        print("store: C baseline failed")
                        return
                    }
                    best.c = best.c.better(Timing(wall: wall, cpu: cpu))
                case .swift:
                    do {
                        let store = try ActStore(path: path)
                        try store.registerSource(id: "bench", name: "Bench", jurisdiction: "si")
                        let wallStart = Date()
                        let cpuStart = threadCPUSeconds()
                        let summary = try store.ingest(items, sourceID: "bench", jurisdiction: "si", now: Date())
                        best.swift = best.swift.better(Timing(wall: Date().timeIntervalSince(wallStart), cpu: threadCPUSeconds() - cpuStart))
                        guard summary.new == count else {
                            print("store: expected \(count) new acts, got \(summary.new)")
                            return
                        }
                    } catch {
                        print("store: \(error)")
                        return
                    }
                }
            }
        }
        let rate = { (seconds: Double) in Double(count) / seconds }
        print(String(format: "store: %d acts, best of %d, CPU time  ActStore.ingest %.0f rows/s  C sqlite3 loop (same rows, same identity look-ups per %d rows) %.0f rows/s  ratio %.2f× (goal ≥ 0.8×)",
                     count, rounds, Int(PG_SQLITE_INSERT_LOOKUP_CHUNK), rate(best.swift.cpu), rate(best.c.cpu), best.c.cpu / best.swift.cpu))
        print(String(format: "store: wall clock  ActStore.ingest %.0f rows/s  C sqlite3 loop %.0f rows/s  ratio %.2f×",
                     rate(best.swift.wall), rate(best.c.wall), best.c.wall / best.swift.wall))
    }

    private enum Side { case c, swift }

    private static func removeDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    private struct Timing {
        var wall: Double
        var cpu: Double
        static let worst = Timing(wall: .infinity, cpu: .infinity)
        func better(_ other: Timing) -> Timing { Timing(wall: min(wall, other.wall), cpu: min(cpu, other.cpu)) }
    }

    /// CPU time (user + system) of the calling thread.
    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
