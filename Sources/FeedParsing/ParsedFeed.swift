import Foundation

/// A parsed document in the `parse --json` contract's shape (Universal Feed Parser vocabulary).
public struct ParsedFeed: Sendable {
    /// The document kind that was parsed (sniffed when the caller did not say).
    public var kind: DocumentKind
    /// feedparser's version string: `rss090`, `rss091u`, `rss091n`, `rss092`, `rss093`, `rss094`,
    /// `rss20`, `rss10`, `atom03`, `atom10`, … or "" when unknown.
    public var version: String
    /// The encoding the document was read in, lower-case (e.g. `utf-8`, `windows-1250`).
    public var encoding: String
    /// True when the document was not well-formed (or mislabelled) and was recovered.
    public var bozo: Bool
    /// What was wrong, when `bozo`.
    public var bozoException: String?
    public var feed: FeedMetadata
    public var entries: [FeedEntry]
    /// Non-fatal observations (e.g. the Content-Type charset disagreed with the XML declaration).
    public var warnings: [String]

    public init(kind: DocumentKind, version: String, encoding: String, bozo: Bool, bozoException: String?,
                feed: FeedMetadata, entries: [FeedEntry], warnings: [String]) {
        self.kind = kind
        self.version = version
        self.encoding = encoding
        self.bozo = bozo
        self.bozoException = bozoException
        self.feed = feed
        self.entries = entries
        self.warnings = warnings
    }

    /// The `parse --json` contract: absent fields left out, dates ISO 8601 UTC with the written
    /// form beside them in `*_raw`, keys sorted.
    public func jsonData(pretty: Bool = false) -> Data {
        var root: [String: JSONValue] = [
            "bozo": .bool(bozo),
            "encoding": .string(encoding),
            "version": .string(version),
            "feed": .object(feed.jsonObject()),
            "entries": .array(entries.map { .object($0.jsonObject()) }),
        ]
        if let bozoException { root["bozo_exception"] = .string(bozoException) }
        if !warnings.isEmpty { root["warnings"] = .array(warnings.map(JSONValue.string)) }
        return Data(JSONWriter.write(.object(root), pretty: pretty))
    }
}
