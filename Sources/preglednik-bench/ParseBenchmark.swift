import BenchBaselines
import FeedParsing
import Foundation

/// Parsing a generated RSS document (Slovenian text with č/š/ž) with ``FeedParser`` next to a C
/// libxml2 SAX2 push parser that only counts elements and text, in the same process.
enum ParseBenchmark {
    static func run(megabytes: Int) {
        let items = 100_000
        let document = RSSDocumentGenerator.make(items: items, targetBytes: megabytes * 1_000_000)
        let sizeMB = Double(document.count) / 1_000_000
        let before = peakResidentMB()

        var counts = pg_sax_counts()
        let cSeconds = document.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { pg_sax_baseline($0.baseAddress, $0.count, &counts) }
        }
        guard cSeconds > 0, counts.well_formed == 1 else {
            print("parse: C baseline failed (well-formed \(counts.well_formed))")
            return
        }
        let afterC = peakResidentMB()

        let start = Date()
        let feed: ParsedFeed
        do {
            feed = try FeedParser.parse(document, kind: .rss)
        } catch {
            print("parse: FeedParser failed: \(error)")
            return
        }
        let swiftSeconds = Date().timeIntervalSince(start)
        let afterSwift = peakResidentMB()
        guard feed.entries.count == items, !feed.bozo else {
            print("parse: expected \(items) entries, got \(feed.entries.count) (bozo \(feed.bozo))")
            return
        }
        let swiftRate = sizeMB / swiftSeconds
        let cRate = sizeMB / cSeconds
        print(String(format: "parse: %.1f MB RSS, %d items  FeedParser %.1f MB/s  C libxml2 SAX %.1f MB/s  ratio %.2f× (goal ≥ 0.7×)",
                     sizeMB, items, swiftRate, cRate, swiftRate / cRate))
        print(String(format: "parse: peak RSS %.0f MB with the document in memory; C SAX +%.0f MB, FeedParser +%.0f MB (all %d entries kept)",
                     before, max(0, afterC - before), max(0, afterSwift - afterC), items))

        // Streaming: entries handed over one at a time; memory must not grow with the document.
        let streamStart = Date()
        var streamed = 0
        let streamBefore = peakResidentMB()
        do {
            let stream = try FeedStream(options: FeedParseOptions()) { _ in streamed += 1 }
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
        let streamSeconds = Date().timeIntervalSince(streamStart)
        print(String(format: "parse: FeedStream (64 KiB pushes, entries not kept) %.1f MB/s  ratio %.2f×  %d entries  peak RSS +%.0f MB",
                     sizeMB / streamSeconds, (sizeMB / streamSeconds) / cRate, streamed, max(0, peakResidentMB() - streamBefore)))
    }

    private static func peakResidentMB() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
