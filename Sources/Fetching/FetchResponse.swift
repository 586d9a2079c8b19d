import Foundation

/// What a completed transfer returned.
public struct FetchResponse: Sendable {
    /// HTTP status (200, 304, …); 0 for `file://`, which has none.
    public var status: Int
    /// The body, decoded from gzip/deflate/br/zstd by libcurl. Empty for a 304.
    public var body: [UInt8]
    /// The `Content-Type` header, if any; its `charset` parameter outranks the XML declaration.
    public var contentType: String?
    /// The validators to keep for the next conditional GET.
    public var etag: String?
    /// The `Last-Modified` header.
    public var lastModified: String?
    /// The address after redirects.
    public var effectiveURL: String
    /// Bytes received on the wire (before decompression).
    public var bytesOnWire: Int
    /// Wall time of the transfer in seconds, from the moment it got a slot (time queued excluded).
    public var seconds: Double
    /// The HTTP version the response came in: "1.0", "1.1", "2" or "3"; nil for `file://`.
    public var httpVersion: String?

    /// True when the server answered 304 Not Modified.
    public var notModified: Bool { status == 304 }

    /// The `charset` parameter of the Content-Type, lowercased, if given.
    public var charset: String? { ContentType.charset(of: contentType) }
}

/// Helpers for the `Content-Type` header.
public enum ContentType {
    /// Returns the `charset` parameter of a Content-Type value, lowercased and unquoted.
    public static func charset(of contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2,
                  pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value.lowercased()
        }
        return nil
    }
}
