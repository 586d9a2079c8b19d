/// One document to fetch, with the validators of the last successful fetch for a conditional GET.
public struct FetchRequest: Sendable, Hashable {
    /// The address: `http://`, `https://` or, when the fetcher allows it, `file://`.
    public var url: String
    /// The `ETag` of the last response; sent as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` of the last response; sent as `If-Modified-Since`.
    public var lastModified: String?

    /// Creates a request.
    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
}
