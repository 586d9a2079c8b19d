import Foundation
import Testing
@testable import FeedParsing

/// `includeExtras: false` (the pipeline's fast path) must change nothing but the `extras`.
@Suite("Parse options: typed fields without extras")
struct ParseOptionsTests {
    private static let rss = """
    <?xml version="1.0" encoding="utf-8"?>
    <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
         xmlns:atom="http://www.w3.org/2005/Atom">
    <channel><title>Uradni list – čšž</title><link>https://www.uradni-list.si/</link>
    <atom:link rel="self" href="https://www.uradni-list.si/rss" type="application/rss+xml"/>
    <description>Objave &amp; akti</description><language>sl</language>
    <item><title>Zakon o &lt;b&gt;spremembah&lt;/b&gt;</title><link>/akt?id=1&amp;x=2</link>
    <guid isPermaLink="false">ul-1</guid><pubDate>Tue, 01 Dec 2026 10:15:00 +0100</pubDate>
    <dc:creator>Služba (sluzba@example.si)</dc:creator><category domain="urn:x">predlog</category>
    <description>&lt;p&gt;Besedilo &lt;a href="/a"&gt;akta&lt;/a&gt;&lt;/p&gt; \u{0096} vmes</description>
    <content:encoded><![CDATA[<p>Polno <img src="slika.png">besedilo</p>]]></content:encoded>
    <enclosure url="https://www.uradni-list.si/a.pdf" type="application/pdf" length="1234"/></item>
    </channel></rss>
    """
    private static let atom = """
    <?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://eur-lex.europa.eu/" xml:lang="sl">
    <title type="html">EUR-Lex &amp;amp; Uradni list</title><id>urn:feed</id><updated>2026-12-01T10:00:00Z</updated>
    <author><name>Urad</name><email>urad@example.eu</email></author>
    <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Uredba <b>2026/1</b></div></title>
    <link rel="alternate" href="akt/1"/><id>urn:1</id><published>2026-11-22T08:00:00+01:00</published>
    <summary>Povzetek</summary><content type="html">&lt;p&gt;Vsebina&lt;/p&gt;</content>
    <category term="uredba" scheme="urn:s" label="Uredba"/></entry>
    </feed>
    """

    @Test(arguments: [rss, atom])
    func typedFieldsAreTheSameWithoutExtras(document: String) throws {
        let full = try FeedParser.parse(Array(document.utf8), options: FeedParseOptions(documentURL: "https://www.uradni-list.si/"))
        let fast = try FeedParser.parse(Array(document.utf8),
                                        options: FeedParseOptions(documentURL: "https://www.uradni-list.si/", includeExtras: false))
        #expect(full.entries.count == 1)
        #expect(full.entries.allSatisfy { !$0.extras.isEmpty }, "the full parse carries feedparser extras")
        #expect(fast.entries.allSatisfy { $0.extras.isEmpty })
        #expect(fast.feed.extras.isEmpty)
        var feed = full.feed
        feed.extras = [:]
        #expect(fast.feed == feed)
        #expect(fast.entries == full.entries.map { entry in
            var typed = entry
            typed.extras = [:]
            return typed
        })
        #expect((fast.kind, fast.version, fast.bozo, fast.encoding) == (full.kind, full.version, full.bozo, full.encoding))
    }

    @Test func streamingWithoutExtrasHandsOverTheSameTypedEntries() throws {
        let whole = try FeedParser.parse(Array(Self.rss.utf8), options: FeedParseOptions(includeExtras: false))
        var handed: [FeedEntry] = []
        let stream = try FeedStream(options: FeedParseOptions(includeExtras: false)) { handed.append($0) }
        try Array(Self.rss.utf8).withUnsafeBufferPointer { try stream.push($0) }
        _ = try stream.finish()
        #expect(handed == whole.entries)
        #expect(handed.first?.author?.contains("Služba") == true)
        #expect(handed.first?.enclosures.first?.length == "1234")
    }

    /// `../shared/corpus/feedparser` next to the repository (absent in a bare clone).
    static let peerCorpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/corpus/feedparser").standardizedFileURL

    /// The same comparison over every document of the Universal Feed Parser corpus, when
    /// `../shared` is there (reported as skipped otherwise): the fast path must not drift from the
    /// path the corpus checks.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: peerCorpus.path), "../shared/corpus/feedparser is absent"))
    func typedFieldsAreTheSameWithoutExtrasOverThePeerCorpus() throws {
        let corpus = Self.peerCorpus
        let files = try #require(FileManager.default.enumerator(atPath: corpus.path))
        var compared = 0, differing: [String] = []
        for case let path as String in files where path.hasSuffix(".xml") {
            guard let bytes = FileManager.default.contents(atPath: corpus.appendingPathComponent(path).path) else { continue }
            let options = FeedParseOptions(documentURL: "http://example.org/" + path)
            var lean = options
            lean.includeExtras = false
            guard let full = try? FeedParser.parse(Array(bytes), options: options),
                  let fast = try? FeedParser.parse(Array(bytes), options: lean) else { continue }
            compared += 1
            var feed = full.feed
            feed.extras = [:]
            let entries = full.entries.map { entry in
                var typed = entry
                typed.extras = [:]
                return typed
            }
            if fast.feed != feed || fast.entries != entries { differing.append(path) }
        }
        #expect(compared > 1_500, "the corpus has about 2 000 feeds that parse")
        #expect(differing.isEmpty, "typed fields differ without extras in \(differing.prefix(10))")
    }

    /// Text traits are read eight bytes at a time; markers at word edges must still be seen.
    @Test(arguments: [0, 1, 6, 7, 8, 9, 15, 16, 23])
    func textTraitsSeeMarkersAtEveryOffset(offset: Int) {
        let padding = String(repeating: "a", count: offset)
        #expect(FeedText.Traits(padding + "<" + padding).hasMarkup)
        #expect(FeedText.Traits(padding + "&").hasMarkup)
        #expect(!FeedText.Traits(padding + "čšž" + padding).hasMarkup)
        #expect(!FeedText.Traits(padding + "čšž" + padding).hasC1)
        #expect(FeedText.Traits(padding + "\u{0096}" + padding).hasC1, "U+0096 is C2 96 in UTF-8")
        #expect(FeedText.Traits(padding + "x\u{0080}").hasC1)
        #expect(!FeedText.Traits(padding + "\u{00A0}" + padding).hasC1, "C2 A0 is not a C1 control")
    }
}
