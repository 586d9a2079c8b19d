/// Parses an RSS, RDF or Atom feed while its bytes arrive (for example while curl is still
/// downloading), handing each entry over as soon as it is complete. Entries handed to `onEntry` are
/// not kept, so memory does not grow with the document.
///
/// The encoding is decided from the first 4 KiB (byte order mark, Content-Type charset, XML
/// declaration); ``FeedParser/parse(_:kind:selectors:options:)`` decides from the whole document
/// and so also recovers mislabelled documents whose first non-ASCII byte comes late.
public final class FeedStream {
    private let options: FeedParseOptions
    private let expected: DocumentKind?
    private let builder: FeedBuilder
    private var decision: EncodingDecision?
    private var parser: XMLPushParser?
    private var head: [UInt8] = []
    private static let headSize = 4096

    /// Creates a stream.
    /// - Parameters:
    ///   - kind: the expected feed kind (nil: sniffed); a mismatch becomes a warning.
    ///   - options: the document's address, Content-Type and fallback encoding.
    ///   - onEntry: called with each finished entry; when nil, entries are kept in the result.
    public convenience init(kind: DocumentKind? = nil, options: FeedParseOptions,
                            onEntry: ((FeedEntry) -> Void)? = nil) throws(FeedParseError) {
        self.init(kind: kind, options: options, decision: nil, onEntry: onEntry)
    }

    init(kind: DocumentKind?, options: FeedParseOptions, decision: EncodingDecision?, onEntry: ((FeedEntry) -> Void)?) {
        self.options = options
        self.expected = kind
        self.decision = decision
        builder = FeedBuilder(documentURL: options.documentURL, includeDetails: options.includeExtras)
        let extras = options.includeExtras
        if let onEntry { builder.onEntry = { onEntry(FeedRecords.entry($0, includeExtras: extras)) } }
    }

    /// Feeds the next bytes of the document.
    /// - Throws: ``FeedParseError`` when the document is refused (entities, DTDs).
    public func push(_ bytes: UnsafeBufferPointer<UInt8>) throws(FeedParseError) {
        if let parser {
            try parser.push(bytes, last: false)
            return
        }
        head.append(contentsOf: bytes)
        if head.count >= Self.headSize { try start(complete: false) }
    }

    private func start(complete: Bool) throws(FeedParseError) {
        var decision = self.decision ?? EncodingSniffer.decide(head, contentType: options.contentType,
                                                              defaultEncoding: options.defaultEncoding, complete: complete)
        let parser: XMLPushParser
        do {
            parser = try XMLPushParser(builder: builder, encoding: decision.name)
        } catch where error.code == "encoding-unsupported" {
            // A bogus declared encoding: read the bytes as UTF-8 (or the fallback) and say so.
            let fallback = EncodingSniffer.isValidUTF8(head, allowTruncatedEnd: !complete) ? "UTF-8" : (options.defaultEncoding ?? "windows-1250")
            decision.bozoMessage = decision.bozoMessage ?? "unknown encoding \(decision.name); read as \(fallback)"
            decision.name = fallback
            decision.reported = EncodingSniffer.normalize(fallback)
            parser = try XMLPushParser(builder: builder, encoding: fallback)
        }
        self.decision = decision
        self.parser = parser
        let pending = head
        head = []
        guard pending.count > decision.bomLength else { return }
        try pending.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) throws(FeedParseError) in
            try parser.push(UnsafeBufferPointer(rebasing: buffer[decision.bomLength...]), last: false)
        }
    }

    /// Ends the document and returns what was parsed (entries handed to `onEntry` are not in it).
    /// - Throws: ``FeedParseError`` when the document is empty, not a feed, or refused.
    public func finish() throws(FeedParseError) -> ParsedFeed {
        if parser == nil {
            guard head.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0 }) else {
                throw FeedParseError(code: "empty-document", message: "the document is empty")
            }
            try start(complete: true)
        }
        guard let parser, let decision else { throw FeedParseError(code: "xml-error", message: "the parser did not start") }
        try parser.push(UnsafeBufferPointer(start: nil, count: 0), last: true)
        guard let root = builder.rootElement else {
            let problem = parser.errors.first
            throw FeedParseError(code: problem == nil ? "empty-document" : "xml-error",
                                 message: problem?.message ?? "the document has no XML element",
                                 line: problem?.line, column: problem?.column)
        }
        let version = builder.version
        let kind: DocumentKind
        if version == "rss10" || version == "rss090" || root == "rdf:rdf" {
            kind = .rdf
        } else if version.hasPrefix("atom") || root == "feed" {
            kind = .atom
        } else if version.hasPrefix("rss") || root == "rss" || root == "channel" {
            kind = .rss
        } else if builder.entries.isEmpty && builder.entriesHandedOut == 0 {
            throw FeedParseError(code: "not-a-feed", message: "the root element <\(root)> is not rss, feed or rdf:RDF")
        } else {
            kind = expected ?? .rss
        }
        var warnings = decision.warnings
        if let expected, expected != kind {
            warnings.append("expected a \(expected.rawValue) document but found \(kind.rawValue)")
        }
        var bozoMessage = decision.bozoMessage
        if bozoMessage == nil, let problem = parser.errors.first {
            bozoMessage = "\(problem.message) (line \(problem.line), column \(problem.column))"
        }
        return ParsedFeed(kind: kind, version: version, encoding: decision.reported, bozo: bozoMessage != nil,
                          bozoException: bozoMessage, feed: FeedRecords.metadata(builder.feed, includeExtras: options.includeExtras),
                          entries: builder.entries.map { FeedRecords.entry($0, includeExtras: options.includeExtras) },
                          warnings: warnings)
    }
}
