import Foundation
import Testing
@testable import FeedParsing

/// Hostile documents are refused with a clear error, quickly and without reading files or the network.
@Suite("Hostile XML")
struct HostileXMLTests {
    private func refusal(_ document: String) -> (FeedParseError?, TimeInterval) {
        let start = Date()
        let error = parseError(Array(document.utf8))
        return (error, Date().timeIntervalSince(start))
    }

    @Test func billionLaughsIsRefused() {
        var declarations = "<!ENTITY lol0 \"lol\">\n"
        for level in 1...9 {
            declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        let (error, seconds) = refusal("<!DOCTYPE rss [\n\(declarations)]>\n<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>")
        #expect(error?.code == "entity-expansion-refused")
        #expect(error?.description.contains("billion laughs") == true)
        #expect(seconds < 2)
    }

    @Test func quadraticBlowupIsRefused() {
        let big = String(repeating: "x", count: 8000)
        let references = String(repeating: "&a;", count: 5000)
        let (error, seconds) = refusal("<!DOCTYPE rss [<!ENTITY a \"\(big)\">]><rss version=\"2.0\"><channel><title>\(references)</title></channel></rss>")
        #expect(error?.code == "entity-expansion-refused")
        #expect(seconds < 2)
    }

    @Test func entityCycleIsRefused() {
        let (error, _) = refusal("<!DOCTYPE rss [<!ENTITY a \"1 &b;\"><!ENTITY b \"&a;\">]><rss version=\"2.0\"><channel><title>&a;</title></channel></rss>")
        #expect(error?.code == "entity-expansion-refused")
    }

    @Test func externalEntityToALocalFileIsRefusedAndNotRead() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("preglednik-secret-\(UUID().uuidString).txt")
        try "TOP-SECRET-VALUE".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        for system in [secret.absoluteString, secret.path] {
            let document = "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"\(system)\">]><rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>"
            let (error, _) = refusal(document)
            #expect(error?.code == "entity-refused")
            #expect(error?.description.contains("TOP-SECRET") == false)
        }
    }

    @Test func externalEntityOverHTTPIsRefusedWithoutWaiting() {
        // 10.255.255.1 does not answer: a fetch would hang until a timeout.
        let (error, seconds) = refusal("<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"http://10.255.255.1/secret\">]><rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>")
        #expect(error?.code == "entity-refused")
        #expect(seconds < 2)
    }

    @Test func parameterEntitiesAndLocalDTDsAreRefused() {
        #expect(refusal("<!DOCTYPE rss [<!ENTITY % p \"<!ENTITY x 'y'>\"> %p;]><rss/>").0?.code == "dtd-refused")
        #expect(refusal("<!DOCTYPE rss [<!ENTITY % p SYSTEM \"http://10.255.255.1/p.dtd\"> %p;]><rss/>").0?.code == "entity-refused")
        #expect(refusal("<!DOCTYPE rss SYSTEM \"rss.dtd\"><rss version=\"2.0\"/>").0?.code == "dtd-refused")
        #expect(refusal("<!DOCTYPE rss SYSTEM \"file:///etc/rss.dtd\"><rss version=\"2.0\"/>").0?.code == "dtd-refused")
    }

    @Test func publicDTDsAreIgnoredNotFetched() throws {
        let start = Date()
        let feed = try parse("""
        <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://10.255.255.1/rss-0.91.dtd">
        <rss version="0.91"><channel><title>Stara &eacute;poha</title></channel></rss>
        """)
        #expect(feed.feed.title == "Stara époha")
        #expect(feed.version == "rss091n")
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func smallInternalEntitiesAreExpanded() throws {
        let feed = try parse("""
        <!DOCTYPE rss [<!ENTITY dz "Državni zbor"><!ENTITY naslov "Seja &dz;a">]>
        <rss version="2.0"><channel><title>&naslov;</title></channel></rss>
        """)
        #expect(feed.feed.title == "Seja Državni zbora")
        #expect(!feed.bozo)
    }
}
