import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Digests

@Suite("The archive folder: file names, manifest, index and Atom feed")
struct DigestArchiveTests {
    /// Parses XML with Foundation's parser and collects element names and their text.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var texts: [String: [String]] = [:]
        var attributes: [[String: String]] = []
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(name)
            self.attributes.append(attributes)
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            texts[name, default: []].append(text)
            text = ""
        }
    }

    func parse(_ url: URL) throws -> Collector {
        let parser = try #require(XMLParser(contentsOf: url))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "\(url.lastPathComponent) is not well-formed: \(String(describing: parser.parserError))")
        return collector
    }

    /// Renders and writes two weeks of both digests in sl (default) and en, plus the overview.
    func fill(_ archive: DigestArchive) throws -> [URL] {
        let renderer = try Fixtures.renderer()
        var written: [URL] = []
        for week in [ISOWeek(year: 2026, week: 47), ISOWeek(year: 2026, week: 48)] {
            for kind in DigestKind.allCases {
                var input = Fixtures.weeklyInput()
                input.kind = kind
                input.week = week
                input.generatedAt = week.start(in: Fixtures.zone).addingTimeInterval(4 * 86_400 + 3600 * (kind == .eu ? 2 : 1))
                for (index, language) in ["sl", "en"].enumerated() {
                    written += try archive.write(renderer.renderWeekly(input, language: language), kind: kind, week: week,
                                                 language: language, isDefaultLanguage: index == 0, generatedAt: input.generatedAt)
                }
            }
        }
        let overview = OverviewInput(jurisdiction: nil, generatedAt: Fixtures.date("2026-12-01T10:00:00Z"), acts: Fixtures.acts, completedWeeks: 4)
        written += try archive.writeOverview(renderer.renderOverview(overview, language: "sl"), jurisdiction: nil, language: "sl",
                                             isDefaultLanguage: true, generatedAt: overview.generatedAt)
        written += try archive.writeOverview(renderer.renderOverview(overview, language: "en"), jurisdiction: "si", language: "en",
                                             isDefaultLanguage: false, generatedAt: overview.generatedAt)
        try archive.regenerateIndex(title: "Preglednik <arhiv>")
        return written
    }

    @Test("file names follow the kind, week and language")
    func fileNames() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try fill(DigestArchive(outputDirectory: folder, siteURL: nil)).map(\.lastPathComponent)
        for name in ["tedenske-novice-2026-W48.html", "tedenske-novice-2026-W48.txt", "tedenske-novice-2026-W48.en.html",
                     "tedenske-novice-2026-W48.en.txt", "europreglednik-2026-W47.html", "europreglednik-2026-W47.en.txt",
                     "preglednik.html", "preglednik.txt", "preglednik-si.en.html", "preglednik-si.en.txt"] {
            #expect(written.contains(name), "\(name) not in \(written)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(Set(files) == Set(written + ["index.html", "feed.xml", "archive.json"]))
    }

    @Test("the file name parser recognizes exactly the names the archive writes")
    func fileNameRoundTrip() {
        for name in [DigestFileName(kind: "weekly", period: "2026-W48", languageSuffix: nil),
                     DigestFileName(kind: "eu", period: "2026-W01", languageSuffix: "sr-Cyrl"),
                     DigestFileName(kind: "overview", period: "", languageSuffix: "en"),
                     DigestFileName(kind: "overview", period: "srpska", languageSuffix: nil)] {
            #expect(DigestFileName(html: name.html) == name)
        }
        for other in ["index.html", "tedenske-novice-2026-W54.html", "tedenske-novice.html", ".preglednik.html.tmp", "feed.xml"] {
            #expect(DigestFileName(html: other) == nil, "\(other)")
        }
    }

    @Test("the Atom feed is well-formed: one entry per default-language digest, newest first, stable ids, the digest's own date")
    func feed() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try fill(DigestArchive(outputDirectory: folder, siteURL: "https://example.org/preglednik/"))
        let feed = try parse(folder.appendingPathComponent("feed.xml"))
        #expect(feed.elements.first == "feed")
        #expect(feed.elements.filter { $0 == "entry" }.count == 4)
        let ids = feed.texts["id", default: []]
        #expect(ids == ["https://example.org/preglednik/feed.xml",
                        "https://example.org/preglednik/tedenske-novice-2026-W48.html",
                        "https://example.org/preglednik/europreglednik-2026-W48.html",
                        "https://example.org/preglednik/tedenske-novice-2026-W47.html",
                        "https://example.org/preglednik/europreglednik-2026-W47.html"])
        let titles = feed.texts["title", default: []]
        #expect(titles.first == "Preglednik <arhiv>")
        #expect(titles.dropFirst().first == "Tedenske novice 2026-W48")
        // Week 48 starts Monday 23 Nov 00:00 CET; the weekly digest is dated Friday 27 Nov 01:00 CET.
        #expect(feed.texts["updated", default: []] == ["2026-11-27T01:00:00Z", "2026-11-27T00:00:00Z", "2026-11-27T01:00:00Z",
                                                       "2026-11-20T00:00:00Z", "2026-11-20T01:00:00Z"])
        #expect(feed.attributes.contains { $0["href"] == "https://example.org/preglednik/tedenske-novice-2026-W48.txt" })
    }

    @Test("index.html lists every digest, newest week first, grouped by kind, languages side by side")
    func index() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try fill(DigestArchive(outputDirectory: folder, siteURL: nil))
        // A digest copied in by hand, unknown to the manifest, is listed too.
        try "<!DOCTYPE html>".write(to: folder.appendingPathComponent("tedenske-novice-2026-W40.html"), atomically: true, encoding: .utf8)
        try DigestArchive(outputDirectory: folder, siteURL: nil).regenerateIndex(title: "Preglednik <arhiv>")
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"sl\">"))
        #expect(html.contains("<title>Preglednik &lt;arhiv&gt;</title>"))
        let order = ["<h2>Preglednik</h2>", "<h2>Tedenske novice</h2>", "2026-W48", "2026-W47", "2026-W40", "<h2>Europreglednik</h2>"]
            .map { html.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        let row = try #require(html.split(separator: "\n").first { $0.contains("<th scope=\"row\">2026-W48</th>") && $0.contains("tedenske") })
        #expect(row.contains("href=\"tedenske-novice-2026-W48.html\""))
        #expect(row.contains("href=\"tedenske-novice-2026-W48.en.html\""))
        #expect(row.contains("href=\"tedenske-novice-2026-W48.en.txt\""))
        let sl = try #require(row.range(of: "tedenske-novice-2026-W48.html"))
        let en = try #require(row.range(of: "tedenske-novice-2026-W48.en.html"))
        #expect(sl.lowerBound < en.lowerBound, "the default language comes first")
        let handCopied = try #require(html.split(separator: "\n").first { $0.contains("2026-W40") })
        #expect(handCopied.hasSuffix("<td></td></tr>"), "a missing language leaves its column empty: \(handCopied)")
        #expect(html.contains("href=\"tedenske-novice-2026-W40.html\""))
        #expect(html.contains("href=\"preglednik-si.en.html\""))
        let feed = try parse(folder.appendingPathComponent("feed.xml"))
        #expect(!feed.texts["id", default: []].contains { $0.contains("W40") }, "the feed lists only digests the archive wrote")
    }

    @Test("writing the same digests twice gives byte-identical files")
    func deterministicFiles() throws {
        let first = try Fixtures.temporaryDirectory()
        let second = try Fixtures.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        _ = try fill(DigestArchive(outputDirectory: first, siteURL: nil))
        _ = try fill(DigestArchive(outputDirectory: second, siteURL: nil))
        _ = try fill(DigestArchive(outputDirectory: second, siteURL: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: second.path).sorted() == names)
        for name in names {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs")
        }
    }

    @Test("writes leave no temporary files and replace existing files whole")
    func atomicWrites() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("x.html")
        try AtomicFile.write(String(repeating: "old ", count: 10_000), to: target)
        try AtomicFile.write("new", to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new")
        _ = try fill(DigestArchive(outputDirectory: folder.appendingPathComponent("nested/out"), siteURL: nil))
        let all = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        #expect(!all.contains { $0.hasSuffix(".tmp") || $0.split(separator: "/").last?.hasPrefix(".") == true }, "\(all)")
    }

    @Test("a write into an unwritable place fails with a clear error and leaves nothing behind")
    func failedWrite() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The target is an existing non-empty folder: rename(2) refuses to replace it.
        let target = folder.appendingPathComponent("busy.html")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: DigestError.self) { try AtomicFile.write("x", to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["busy.html"])
    }
}
