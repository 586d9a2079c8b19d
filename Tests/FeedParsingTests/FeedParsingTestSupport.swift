import Foundation
@testable import FeedParsing

/// Helpers shared by the FeedParsing tests.
enum Fixture {
    /// The bytes of a file under `Tests/FeedParsingTests/Fixtures`.
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return Array(try Data(contentsOf: url))
    }
}

/// Parses an inline document.
func parse(_ text: String, kind: DocumentKind? = nil, options: FeedParseOptions = FeedParseOptions()) throws -> ParsedFeed {
    try FeedParser.parse(Array(text.utf8), kind: kind, options: options)
}

/// The parse error of a document that must not parse.
func parseError(_ bytes: [UInt8], options: FeedParseOptions = FeedParseOptions()) -> FeedParseError? {
    do {
        _ = try FeedParser.parse(bytes, options: options)
        return nil
    } catch {
        return error
    }
}

/// The JSON contract of a feed as a dictionary.
func jsonObject(_ feed: ParsedFeed) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: feed.jsonData()) as? [String: Any] ?? [:]
}

/// Encodes text in a named IANA encoding (iconv through Foundation's CFString tables).
func encoded(_ text: String, _ encoding: String.Encoding) -> [UInt8] {
    Array(text.data(using: encoding)!)
}
