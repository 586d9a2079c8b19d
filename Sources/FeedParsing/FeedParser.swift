/// Parses feeds (RSS 0.9x/2.0, RSS 1.0/RDF, Atom 0.3/1.0) by streaming them through libxml2's SAX2
/// push parser, and XML/HTML documents with XPath selectors.
public enum FeedParser {
    /// Bytes handed to libxml2 per push; the parser's own memory does not grow with the document.
    static let chunkSize = 256 * 1024

    /// Parses one document.
    /// - Parameters:
    ///   - bytes: the document as received.
    ///   - kind: the expected kind; nil sniffs between RSS, RDF and Atom. `xml` and `html` need `selectors`.
    ///   - selectors: XPath selectors for `xml`/`html` documents.
    ///   - options: the document's address, Content-Type and fallback encoding.
    /// - Throws: ``FeedParseError`` when the document is empty, not a feed, hostile (entities, DTDs)
    ///   or the selectors are wrong. Recoverable problems set `bozo` instead.
    public static func parse(_ bytes: [UInt8], kind: DocumentKind? = nil, selectors: XPathSelectors? = nil,
                             options: FeedParseOptions = FeedParseOptions()) throws(FeedParseError) -> ParsedFeed {
        switch kind {
        case .xml?, .html?:
            guard let selectors else {
                throw FeedParseError(code: "selectors-required", message: "\(kind!.rawValue) documents need XPath selectors (items, title)")
            }
            return try XPathExtractor.parse(bytes, kind: kind!, selectors: selectors, options: options)
        default:
            return try parseFeed(bytes, expected: kind, options: options)
        }
    }

    private static func parseFeed(_ bytes: [UInt8], expected: DocumentKind?, options: FeedParseOptions) throws(FeedParseError) -> ParsedFeed {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0 }) else {
            throw FeedParseError(code: "empty-document", message: "the document is empty")
        }
        // The whole document is here: decide its encoding from all of it (mislabelled UTF-8 is found
        // wherever the first bad byte is).
        let decision = EncodingSniffer.decide(bytes, contentType: options.contentType, defaultEncoding: options.defaultEncoding)
        let stream = FeedStream(kind: expected, options: options, decision: decision, onEntry: nil)
        try bytes.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(FeedParseError) in
            var offset = 0
            while offset < all.count {
                let end = min(offset + chunkSize, all.count)
                try stream.push(UnsafeBufferPointer(rebasing: all[offset..<end]))
                offset = end
            }
        }
        return try stream.finish()
    }
}
