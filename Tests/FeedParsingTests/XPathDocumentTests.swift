import Foundation
import Testing
@testable import FeedParsing

@Suite("XML and HTML with XPath")
struct XPathDocumentTests {
    private let predpisi = XPathSelectors(
        items: "//PREDPIS", title: "KARTICA_PREDPISA/KARTICA_NAZIV", link: "PRIPONKA/PRIPONKA_URL",
        id: "KARTICA_PREDPISA/UNID", summary: "KARTICA_PREDPISA/KARTICA_PREDLAGATELJ",
        published: "KARTICA_PREDPISA/KARTICA_DATUM", phase: "KARTICA_PREDPISA/KARTICA_FAZA_POSTOPKA",
        identifier: "KARTICA_PREDPISA/KARTICA_EPA", inForce: "KARTICA_PREDPISA/KARTICA_VELJAVNOST")

    @Test func drzavniZborOpenData() throws {
        let feed = try FeedParser.parse(try Fixture.bytes("dz-predpisi.xml"), kind: .xml, selectors: predpisi,
                                        options: FeedParseOptions(documentURL: "https://www.dz-rs.si/wps/portal/Home/zakonodaja"))
        #expect(feed.kind == .xml)
        #expect(!feed.bozo)
        #expect(feed.entries.count == 3)
        let first = feed.entries[0]
        #expect(first.title == "Predlog zakona o spremembah in dopolnitvah Zakona o financiranju občin")
        #expect(first.id == "PZ9|C12565D400354E68C1258C3A003F1A21")
        #expect(first.identifier == "1712-IX")
        #expect(first.phaseRaw == "druga obravnava - DZ")
        #expect(first.summary == "Vlada")
        #expect(first.link == "https://www.dz-rs.si/wps/portal/Home/zakonodaja/izbran?uid=C12565D400354E68C1258C3A003F1A21")
        #expect(first.published.map(FeedRecords.iso) == "2026-11-20T00:00:00Z")
        #expect(feed.entries[1].published.map(FeedRecords.iso) == "2026-11-22T00:00:00Z")
        #expect(feed.entries[1].summary == nil)
        #expect(feed.entries[2].link == nil)
        #expect(feed.entries[2].inForce.map(FeedRecords.iso) == "2026-12-01T00:00:00Z")
        let json = try jsonObject(feed)
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries[0]["phase_raw"] as? String == "druga obravnava - DZ")
        #expect(entries[2]["in_force"] as? String == "2026-12-01T00:00:00Z")
    }

    @Test func gazetteListPageInWindows1250WithoutMetaCharset() throws {
        let selectors = XPathSelectors(items: "//tr[@class='objava']", title: "td[2]/a", link: "td[2]/a/@href",
                                       id: "td[@class='stevilka']", published: "td[@class='datum']")
        let feed = try FeedParser.parse(try Fixture.bytes("gazette-list-windows-1250.html"), kind: .html, selectors: selectors,
                                        options: FeedParseOptions(documentURL: "https://www.zalec.si/uradni-vestnik/"))
        #expect(feed.kind == .html)
        #expect(feed.encoding == "windows-1250")
        #expect(feed.feed.title == "Uradni vestnik Občine Žalec – seznam objav")
        #expect(feed.entries.map(\.title) == [
            "Odlok o proračunu Občine Žalec za leto 2027",
            "Sklep o potrditvi cen storitev oskrbe s pitno vodo",
            "Pravilnik o dodeljevanju pomoči za šolske potrebščine",
        ])
        #expect(feed.entries[0].link == "https://www.zalec.si/uradni-vestnik/objave/2026/45/odlok-o-proracunu")
        #expect(feed.entries[2].link == "https://www.zalec.si/arhiv/2026/43")
        #expect(feed.entries.map { $0.published.map(FeedRecords.iso) } == [
            "2026-11-22T00:00:00Z", "2026-11-15T00:00:00Z", "2026-11-03T00:00:00Z",
        ])
    }

    @Test func htmlWithMetaCharsetAndTagSoup() throws {
        let page = "<html><head><meta charset=\"utf-8\"><title>EP</title></head><body><ul><li class=p><a href=/oeil/1>Procedure 2026/0042(COD)</a><li class=p><a href=/oeil/2>Nature restoration</a></ul>"
        let feed = try FeedParser.parse(Array(page.utf8), kind: .html,
                                        selectors: XPathSelectors(items: "//li[@class='p']", title: "a", link: "a/@href"),
                                        options: FeedParseOptions(documentURL: "https://oeil.europarl.europa.eu/oeil/home"))
        #expect(feed.entries.map(\.title) == ["Procedure 2026/0042(COD)", "Nature restoration"])
        #expect(feed.entries[1].link == "https://oeil.europarl.europa.eu/oeil/2")
    }

    @Test func invalidXPathIsAClearError() {
        var caught: FeedParseError?
        do {
            _ = try FeedParser.parse(Array("<a><b/></a>".utf8), kind: .xml, selectors: XPathSelectors(items: "//b[", title: "."))
        } catch {
            caught = error
        }
        #expect(caught?.code == "xpath-error")
        #expect(caught?.message.contains("//b[") == true)
    }

    @Test func selectorsAreRequiredForXMLAndHTML() {
        var caught: FeedParseError?
        do {
            _ = try FeedParser.parse(Array("<a/>".utf8), kind: .html)
        } catch {
            caught = error
        }
        #expect(caught?.code == "selectors-required")
    }

    @Test func xmlDocumentsDoNotLoadExternalEntities() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("preglednik-xpath-\(UUID().uuidString).txt")
        try "TOP-SECRET".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let document = "<!DOCTYPE r [<!ENTITY x SYSTEM \"\(secret.absoluteString)\">]><r><i><t>&x;</t></i></r>"
        let feed = try FeedParser.parse(Array(document.utf8), kind: .xml, selectors: XPathSelectors(items: "//i", title: "t"))
        #expect(feed.entries.first?.title?.contains("TOP-SECRET") != true)
    }
}
