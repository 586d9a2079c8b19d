/// What the caller knows about a document besides its bytes.
public struct FeedParseOptions: Sendable {
    /// The address the document was fetched from; relative links are resolved against it.
    public var documentURL: String?
    /// The HTTP `Content-Type`; its charset wins over the XML declaration (RFC 7303).
    public var contentType: String?
    /// The encoding to assume when neither the transport nor the document declares one, or when
    /// bytes declared as UTF-8 are not (e.g. `windows-1250`).
    public var defaultEncoding: String?
    /// Whether entries and the feed carry feedparser's untyped fields in `extras` (`title_detail`,
    /// `summary_detail`, `guidislink`, …). `parse --json` needs them; the pipeline reads only the typed
    /// fields and parses faster without them.
    public var includeExtras: Bool

    /// Creates options; every field is optional.
    public init(documentURL: String? = nil, contentType: String? = nil, defaultEncoding: String? = nil,
                includeExtras: Bool = true) {
        self.documentURL = documentURL
        self.contentType = contentType
        self.defaultEncoding = defaultEncoding
        self.includeExtras = includeExtras
    }
}
