import Foundation
import Testing
@testable import FeedParsing

@Suite("Feed formats")
struct FeedFormatTests {
    @Test func rss20WithNamespaces() throws {
        let feed = try parse("""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
        <channel>
          <title>Uradni list RS</title>
          <link>https://www.uradni-list.si/</link>
          <description>Objave v Uradnem listu</description>
          <language>sl</language>
          <atom:link href="https://www.uradni-list.si/rss" rel="self" type="application/rss+xml"/>
          <item>
            <title>Zakon o spremembah Zakona o lokalni samoupravi</title>
            <link>https://www.uradni-list.si/glasilo-uradni-list-rs/vsebina/2026-01-3301</link>
            <guid isPermaLink="false">ul-2026-3301</guid>
            <pubDate>Fri, 20 Nov 2026 08:00:00 +0100</pubDate>
            <dc:creator>Državni zbor</dc:creator>
            <category domain="https://www.uradni-list.si/vrsta">zakon</category>
            <description><![CDATA[Besedilo <b>zakona</b> &amp; obrazložitev]]></description>
            <content:encoded><![CDATA[<p>Celotno besedilo</p>]]></content:encoded>
            <enclosure url="https://www.uradni-list.si/files/3301.pdf" length="12345" type="application/pdf"/>
            <media:thumbnail url="https://www.uradni-list.si/t.png"/>
          </item>
        </channel>
        </rss>
        """)
        #expect(feed.kind == .rss)
        #expect(feed.version == "rss20")
        #expect(!feed.bozo)
        #expect(feed.feed.title == "Uradni list RS")
        #expect(feed.feed.language == "sl")
        #expect(feed.feed.links.contains { $0.rel == "self" && $0.href == "https://www.uradni-list.si/rss" })
        let entry = try #require(feed.entries.first)
        #expect(entry.title == "Zakon o spremembah Zakona o lokalni samoupravi")
        #expect(entry.id == "ul-2026-3301")
        #expect(entry.link == "https://www.uradni-list.si/glasilo-uradni-list-rs/vsebina/2026-01-3301")
        #expect(entry.author == "Državni zbor")
        #expect(entry.tags == [FeedTag(term: "zakon", scheme: "https://www.uradni-list.si/vrsta")])
        #expect(entry.summary == "Besedilo <b>zakona</b> &amp; obrazložitev")
        #expect(entry.content.first?.value == "<p>Celotno besedilo</p>")
        #expect(entry.content.first?.type == "text/html")
        #expect(entry.enclosures == [FeedEnclosure(href: "https://www.uradni-list.si/files/3301.pdf", type: "application/pdf", length: "12345")])
        #expect(entry.publishedRaw == "Fri, 20 Nov 2026 08:00:00 +0100")
        #expect(entry.published.map(FeedRecords.iso) == "2026-11-20T07:00:00Z")
        #expect(entry.extras["media_thumbnail"] != nil)
    }

    @Test(arguments: [
        ("<rss version=\"0.91\"><channel><title>t</title></channel></rss>", "rss091u"),
        ("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"><channel><title>t</title></channel></rss>", "rss091n"),
        ("<rss version=\"0.92\"><channel><title>t</title></channel></rss>", "rss092"),
        ("<rss version=\"0.93\"><channel><title>t</title></channel></rss>", "rss093"),
        ("<rss version=\"0.94\"><channel><title>t</title></channel></rss>", "rss094"),
        ("<rss version=\"2.0\"><channel><title>t</title></channel></rss>", "rss20"),
        ("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel><title>t</title></channel></rdf:RDF>", "rss10"),
        ("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><channel><title>t</title></channel></rdf:RDF>", "rss090"),
        ("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>t</title></feed>", "atom03"),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title></feed>", "atom10"),
        ("<rss><channel><title>t</title></channel></rss>", "rss"),
    ])
    func versions(document: String, version: String) throws {
        let feed = try parse(document)
        #expect(feed.version == version)
        #expect(feed.feed.title == "t")
    }

    @Test func rdfItemsAndDublinCore() throws {
        let feed = try parse("""
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                 xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="https://e-uprava.gov.si/"><title>eDemokracija</title><link>https://e-uprava.gov.si/</link></channel>
          <item rdf:about="https://e-uprava.gov.si/predpis/1">
            <title>Osnutek uredbe o komunalnem prispevku</title>
            <link>https://e-uprava.gov.si/predpis/1</link>
            <dc:date>2026-11-18T10:30:00+01:00</dc:date>
            <dc:subject>okolje</dc:subject>
          </item>
        </rdf:RDF>
        """)
        #expect(feed.kind == .rdf)
        #expect(feed.version == "rss10")
        let entry = try #require(feed.entries.first)
        #expect(entry.id == "https://e-uprava.gov.si/predpis/1")
        #expect(entry.updated.map(FeedRecords.iso) == "2026-11-18T09:30:00Z")
        #expect(entry.tags.first?.term == "okolje")
    }

    @Test func atom10WithXHTMLAndXMLBase() throws {
        let feed = try parse("""
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://oeil.europarl.europa.eu/oeil/">
          <title type="text">Legislative Observatory</title>
          <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
          <updated>2026-11-20T08:00:00Z</updated>
          <link href="popups/ficheprocedure.do" />
          <entry xml:lang="en">
            <title type="html">Nature restoration &lt;i&gt;law&lt;/i&gt;</title>
            <id>tag:oeil,2022/0195(COD)</id>
            <link rel="alternate" href="procedure/2022-0195"/>
            <link rel="related" href="https://eur-lex.europa.eu/x"/>
            <author><name>ENVI</name><email>envi@example.eu</email></author>
            <published>2026-11-19T12:00:00+02:00</published>
            <updated>2026-11-20T09:00:00Z</updated>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Adopted <a href="docs/a.pdf">text</a></div></content>
          </entry>
        </feed>
        """)
        #expect(feed.version == "atom10")
        #expect(feed.feed.link == "https://oeil.europarl.europa.eu/oeil/popups/ficheprocedure.do")
        #expect(feed.feed.updatedRaw == "2026-11-20T08:00:00Z")
        let entry = try #require(feed.entries.first)
        #expect(entry.title == "Nature restoration <i>law</i>")
        #expect(entry.link == "https://oeil.europarl.europa.eu/oeil/procedure/2022-0195")
        #expect(entry.links.count == 2)
        #expect(entry.author == "ENVI (envi@example.eu)")
        #expect(entry.published.map(FeedRecords.iso) == "2026-11-19T10:00:00Z")
        let content = try #require(entry.content.first)
        #expect(content.type == "application/xhtml+xml")
        #expect(content.language == "en")
        #expect(content.value == "Adopted <a href=\"https://oeil.europarl.europa.eu/oeil/docs/a.pdf\">text</a>")
    }

    @Test func relativeLinksResolveAgainstTheDocumentURL() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><item><title>a</title><link>/akti/1</link></item></channel></rss>",
                             options: FeedParseOptions(documentURL: "https://www.dz-rs.si/wps/portal/rss"))
        #expect(feed.entries.first?.link == "https://www.dz-rs.si/akti/1")
    }

    @Test func htmlEntitiesAndCDATAInText() throws {
        let feed = try parse("""
        <rss version="2.0"><channel><title>Zakon o&nbsp;prostoru &ndash; &eacute;&#269;&#x161;</title>
        <item><title><![CDATA[Odlok <o> proračunu & rebalansu]]></title></item></channel></rss>
        """)
        #expect(feed.feed.title == "Zakon o\u{A0}prostoru – éčš")
        #expect(feed.entries.first?.title == "Odlok <o> proračunu & rebalansu")
    }

    @Test func atom03Base64Content() throws {
        let feed = try parse("""
        <feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title>t</title>
        <content type="text/plain" mode="base64">UHJlZGxvZyB6YWtvbmE=</content></entry></feed>
        """)
        #expect(feed.version == "atom03")
        #expect(feed.entries.first?.content.first?.value == "Predlog zakona")
    }

    @Test func jsonContractLeavesAbsentFieldsOutAndWritesDatesBothWays() throws {
        let feed = try parse("""
        <rss version="2.0"><channel><title>DZ</title><item><title>Predlog</title>
        <pubDate>22. 11. 2026</pubDate><guid>g1</guid></item><item><title>Brez datuma</title><author></author><comments></comments></item></channel></rss>
        """)
        let json = try jsonObject(feed)
        #expect(json["bozo"] as? Bool == false)
        #expect(json["version"] as? String == "rss20")
        #expect(json["encoding"] as? String == "utf-8")
        #expect(json["bozo_exception"] == nil)
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries[0]["published"] as? String == "2026-11-22T00:00:00Z")
        #expect(entries[0]["published_raw"] as? String == "22. 11. 2026")
        #expect(entries[0]["id"] as? String == "g1")
        #expect(entries[1]["published"] == nil)
        #expect(entries[1]["link"] == nil)
        #expect(entries[1]["author"] == nil)
        #expect(entries[1]["comments"] == nil)
        for entry in entries {
            for (key, value) in entry {
                if let text = value as? String { #expect(!text.isEmpty, "\(key) is an empty string") }
            }
        }
        #expect(String(decoding: feed.jsonData(pretty: true), as: UTF8.self).contains("\n  \"entries\""))
    }

    @Test func nonFeedsAndEmptyDocumentsAreErrors() {
        #expect(parseError(Array("   \n".utf8))?.code == "empty-document")
        #expect(parseError(Array("<html><body><p>Ni vira</p></body></html>".utf8))?.code == "not-a-feed")
        #expect(parseError(Array("this is not xml".utf8))?.code == "xml-error")
    }

    @Test func expectedKindMismatchIsAWarning() throws {
        let feed = try parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title></feed>", kind: .rss)
        #expect(feed.kind == .atom)
        #expect(feed.warnings.contains { $0.contains("expected a rss document") })
    }
}
