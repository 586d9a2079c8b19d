import Foundation
import Testing
@testable import FeedParsing

@Suite("Encodings")
struct EncodingTests {
    private let title = "Odlok o proračunu – Žalec, šolstvo, čistilna naprava"

    private func document(_ encoding: String?) -> String {
        let declaration = encoding.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>\n" } ?? ""
        return declaration + "<rss version=\"2.0\"><channel><title>\(title)</title></channel></rss>"
    }

    @Test(arguments: [("windows-1250", String.Encoding.windowsCP1250), ("ISO-8859-2", String.Encoding.isoLatin2)])
    func declaredSingleByteEncodings(name: String, encoding: String.Encoding) throws {
        let text = document(name).replacingOccurrences(of: "–", with: "-")
        let feed = try FeedParser.parse(encoded(text, encoding))
        #expect(feed.feed.title == title.replacingOccurrences(of: "–", with: "-"))
        #expect(feed.encoding == name.lowercased())
        #expect(!feed.bozo)
    }

    @Test func windows1251Cyrillic() throws {
        let cyrillic = "Закон о буџетском систему Републике Србије"
        let bytes = encoded("<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>\(cyrillic)</title></channel></rss>",
                            .windowsCP1251)
        let feed = try FeedParser.parse(bytes)
        #expect(feed.feed.title == cyrillic)
        #expect(feed.encoding == "windows-1251")
    }

    @Test(arguments: [
        (String.Encoding.utf16LittleEndian, [UInt8]([0xFF, 0xFE]), "utf-16le"),
        (String.Encoding.utf16BigEndian, [UInt8]([0xFE, 0xFF]), "utf-16be"),
        (String.Encoding.utf16LittleEndian, [UInt8](), "utf-16le"),
        (String.Encoding.utf16BigEndian, [UInt8](), "utf-16be"),
        (String.Encoding.utf32LittleEndian, [UInt8]([0xFF, 0xFE, 0, 0]), "utf-32le"),
        (String.Encoding.utf32BigEndian, [UInt8](), "utf-32be"),
    ])
    func unicodeWithAndWithoutByteOrderMark(encoding: String.Encoding, bom: [UInt8], reported: String) throws {
        let feed = try FeedParser.parse(bom + encoded(document(nil), encoding))
        #expect(feed.feed.title == title)
        #expect(feed.encoding == reported)
        #expect(!feed.bozo)
    }

    @Test func byteOrderMarkBeatsContentTypeBeatsDeclaration() throws {
        // Content-Type charset wins over the declaration; the disagreement is a warning.
        let latin2 = encoded(document("windows-1252").replacingOccurrences(of: "–", with: "-"), .isoLatin2)
        let feed = try FeedParser.parse(latin2, options: FeedParseOptions(contentType: "application/rss+xml; charset=\"ISO-8859-2\""))
        #expect(feed.feed.title == title.replacingOccurrences(of: "–", with: "-"))
        #expect(feed.encoding == "iso-8859-2")
        #expect(feed.warnings.contains { $0.contains("Content-Type says ISO-8859-2 but the XML declaration says windows-1252") })
        // A UTF-8 byte order mark wins over a Content-Type charset.
        let bom = [UInt8]([0xEF, 0xBB, 0xBF]) + Array(document("utf-8").utf8)
        let withBOM = try FeedParser.parse(bom, options: FeedParseOptions(contentType: "text/xml; charset=windows-1250"))
        #expect(withBOM.feed.title == title)
        #expect(withBOM.encoding == "utf-8")
        #expect(!withBOM.warnings.isEmpty)
    }

    @Test func mislabelledWindows1250IsRecoveredAndBozo() throws {
        let bytes = encoded(document("UTF-8").replacingOccurrences(of: "–", with: "-"), .windowsCP1250)
        let feed = try FeedParser.parse(bytes)
        #expect(feed.bozo)
        #expect(feed.bozoException?.contains("declared as UTF-8") == true)
        #expect(feed.feed.title == title.replacingOccurrences(of: "–", with: "-"))
        #expect(feed.encoding == "windows-1250")
    }

    @Test func undeclaredNonUTF8UsesTheSourceDefault() throws {
        let cyrillic = "Службени гласник"
        let bytes = encoded("<rss version=\"2.0\"><channel><title>\(cyrillic)</title></channel></rss>", .windowsCP1251)
        let feed = try FeedParser.parse(bytes, options: FeedParseOptions(defaultEncoding: "windows-1251"))
        #expect(feed.feed.title == cyrillic)
        #expect(!feed.bozo)
    }

    @Test func unknownDeclaredEncodingIsBozoNotFatal() throws {
        let feed = try FeedParser.parse(Array(document("x-no-such-encoding").utf8))
        #expect(feed.bozo)
        #expect(feed.feed.title == title)
    }

    @Test func contentTypeCharsetParsing() {
        #expect(EncodingSniffer.charset(inContentType: "text/xml; charset=\"windows-1250\"") == "windows-1250")
        #expect(EncodingSniffer.charset(inContentType: "application/xml;charset= 'us-ascii'") == "us-ascii")
        #expect(EncodingSniffer.charset(inContentType: "text/xml; qs=0.9") == nil)
    }
}

@Suite("Encodings: mislabelled UTF-8")
struct MislabelledUTF8Tests {
    @Test func utf8LabelledAsLatin2IsReadAsUTF8AndBozo() throws {
        let feed = try parse("<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><rss version=\"2.0\"><channel><title>Služba za zakonodajo</title></channel></rss>")
        #expect(feed.feed.title == "Služba za zakonodajo")
        #expect(feed.encoding == "utf-8")
        #expect(feed.bozo)
    }
}
