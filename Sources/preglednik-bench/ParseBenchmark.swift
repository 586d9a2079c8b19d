import BenchBaselines
import FeedParsing
import Foundation

/// Parsing a generated RSS document (Slovenian text with č/š/ž) with ``FeedParser`` next to a C
/// libxml2 SAX2 push parser that only counts elements and text, in the same process.
enum ParseBenchmark {
    static func run(items: Int, megabytes: Int, streamOnly: Bool = false) {
        let document = RSSDocumentGenerator.make(items: items, targetBytes: megabytes * 1_000_000)
        let sizeMB = Double(document.count) / 1_000_000
        let before = peakResidentMB()

        var counts = pg_sax_counts()
        let cCPUStart = cpuSeconds()
        let cSeconds = document.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { pg_sax_baseline($0.baseAddress, $0.count, &counts) }
        }
        guard cSeconds > 0, counts.well_formed == 1 else {
            print("parse: C baseline failed (well-formed \(counts.well_formed))")
            return
        }
        let cCPU = cpuSeconds() - cCPUStart
        let afterC = peakResidentMB()
        let cRate = sizeMB / cSeconds

        // The floor of any Swift parser handing over String fields (see SwiftSAXFloor).
        let floorCPUStart = cpuSeconds()
        guard let floor = SwiftSAXFloor.run(document), floor.items == items else {
            print("parse: the Swift SAX floor did not see \(items) items")
            return
        }
        let floorCPU = cpuSeconds() - floorCPUStart

        // Streaming first (ru_maxrss is a high-water mark): entries handed over one at a time, not kept.
        let streamStart = Date()
        let streamCPUStart = cpuSeconds()
        var streamed = 0
        var residentSamples: [Double] = []
        do {
            let stream = try FeedStream(kind: .rss, options: FeedParseOptions(includeExtras: false)) { _ in
                streamed += 1
                if streamed % 10_000 == 0 { residentSamples.append(currentResidentMB()) }
            }
            try document.withUnsafeBufferPointer { buffer in
                var offset = 0
                while offset < buffer.count {
                    let end = min(offset + 64 * 1024, buffer.count)
                    try stream.push(UnsafeBufferPointer(rebasing: buffer[offset..<end]))
                    offset = end
                }
            }
            _ = try stream.finish()
        } catch {
            print("parse: FeedStream failed: \(error)")
            return
        }
        let streamRate = sizeMB / Date().timeIntervalSince(streamStart)
        let streamCPU = cpuSeconds() - streamCPUStart
        let afterStream = peakResidentMB()
        guard streamed == items else {
            print("parse: FeedStream handed over \(streamed) entries, expected \(items)")
            return
        }

        if streamOnly {
            print(String(format: "parse: %d items, C %.1f MB/s CPU, Swift floor %.1f MB/s CPU (%.2f×), FeedStream %.1f MB/s CPU, ratio %.2f×",
                         items, sizeMB / cCPU, sizeMB / floorCPU, cCPU / floorCPU, sizeMB / streamCPU, cCPU / streamCPU))
            return
        }
        let start = Date()
        let parseCPUStart = cpuSeconds()
        let feed: ParsedFeed
        do {
            feed = try FeedParser.parse(document, kind: .rss)
        } catch {
            print("parse: FeedParser failed: \(error)")
            return
        }
        let swiftRate = sizeMB / Date().timeIntervalSince(start)
        let parseCPU = cpuSeconds() - parseCPUStart
        let afterSwift = peakResidentMB()
        guard feed.entries.count == items, !feed.bozo else {
            print("parse: expected \(items) entries, got \(feed.entries.count) (bozo \(feed.bozo))")
            return
        }
        // The machine is shared: wall-clock rates move with the load, CPU-time rates (getrusage) much less.
        print(String(format: "parse: %.1f MB RSS, %d items, C libxml2 SAX (counting only) %.1f MB/s wall, %.1f MB/s CPU",
                     sizeMB, items, cRate, sizeMB / cCPU))
        print(String(format: "parse: Swift floor (same SAX events into Swift, one String per text: %d strings, no feed rules) %.1f MB/s CPU  ratio %.2f×",
                     floor.strings, sizeMB / floorCPU, cCPU / floorCPU))
        print(String(format: "parse: FeedStream (64 KiB pushes, entries handed over, typed fields only) %.1f MB/s wall  ratio %.2f×, %.1f MB/s CPU  ratio %.2f× (goal ≥ 0.7×)  peak RSS +%.0f MB",
                     streamRate, streamRate / cRate, sizeMB / streamCPU, cCPU / streamCPU, max(0, afterStream - afterC)))
        if let first = residentSamples.first, let last = residentSamples.last {
            print(String(format: "parse: FeedStream resident memory after 10 000 entries %.1f MB, after %d entries %.1f MB (growth %.1f MB)",
                         first, items, last, last - first))
        }
        print(String(format: "parse: FeedParser.parse (all entries kept, with feedparser extras as for parse --json) %.1f MB/s wall  ratio %.2f×, %.1f MB/s CPU  ratio %.2f×  peak RSS +%.0f MB",
                     swiftRate, swiftRate / cRate, sizeMB / parseCPU, cCPU / parseCPU, max(0, afterSwift - afterStream)))
        print(String(format: "parse: the document itself %.0f MB; process peak before parsing %.0f MB, C SAX +%.0f MB",
                     sizeMB, before, max(0, afterC - before)))
    }

    /// Resident memory now (not the high-water mark), from /proc/self/statm.
    private static func currentResidentMB() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = text.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// User + system CPU time of the process so far (the benchmark is single-threaded).
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    private static func peakResidentMB() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
