import Testing
@testable import FeedParsing

@Suite("Ill-formed documents")
struct BozoRecoveryTests {
    @Test func unclosedElementsAreRecoveredAndReported() throws {
        let feed = try parse("""
        <rss version="2.0"><channel><title>Narodna skupština</title>
        <item><title>Predlog zakona o lokalnoj samoupravi</title><link>http://www.parlament.gov.rs/akti/1</link></item>
        <item><title>Drugi predlog<b></title></item>
        </channel>
        """)
        #expect(feed.bozo)
        let message = try #require(feed.bozoException)
        #expect(message.contains("line"))
        #expect(feed.entries.count == 2)
        #expect(feed.entries[0].title == "Predlog zakona o lokalnoj samoupravi")
    }

    @Test func undefinedEntityIsBozoButTheRestParses() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><title>A &nosuchentity; B</title><item><title>x</title></item></channel></rss>")
        #expect(feed.bozo)
        #expect(feed.entries.count == 1)
    }

    @Test func undeclaredNamespacePrefixIsBozo() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><title>t</title><item><dc:creator>x</dc:creator></item></channel></rss>")
        #expect(feed.bozo)
        #expect(feed.feed.title == "t")
    }

    @Test func wellFormedIsNotBozo() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><title>t</title></channel></rss>")
        #expect(!feed.bozo)
        #expect(feed.bozoException == nil)
    }

    @Test func nonXMLContentTypeIsBozo() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><title>t</title></channel></rss>",
                             options: FeedParseOptions(contentType: "text/plain"))
        #expect(feed.bozo)
    }
}

@Suite("Ill-formed inline markup")
struct InlineMarkupRecoveryTests {
    @Test func unclosedInlineMarkupDoesNotSwallowTheRest() throws {
        let feed = try parse("""
        <feed xmlns="http://www.w3.org/2005/Atom">
          <entry><title>Prvi</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Besedilo <b>krepko</div></content></entry>
          <entry><title>Drugi</title><link href="https://example.si/2"/></entry>
        </feed>
        """)
        #expect(feed.bozo)
        #expect(feed.entries.map(\.title) == ["Prvi", "Drugi"])
        #expect(feed.entries.last?.link == "https://example.si/2")
    }
}
