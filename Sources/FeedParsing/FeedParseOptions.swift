/// What the caller knows about a document besides its bytes.
public struct FeedParseOptions: Sendable {
    /// The address the document was fetched from; relative links are resolved against it.
    public var documentURL: String?
    /// The HTTP `Content-Type`; its charset wins over the XML declaration (RFC 7303).
    public var contentType: String?
    /// The encoding to assume when neither the transport nor the document declares one, or when
    /// bytes declared as UTF-8 are not (e.g. `windows-1250`).
    public var defaultEncoding: String?

    /// Creates options; every field is optional.
    public init(documentURL: String? = nil, contentType: String? = nil, defaultEncoding: String? = nil) {
        self.documentURL = documentURL
        self.contentType = contentType
        self.defaultEncoding = defaultEncoding
    }
}
