/// A link of a feed or entry (`<link>`, `<atom:link>`), in feedparser's vocabulary.
public struct FeedLink: Sendable, Codable, Hashable {
    public var rel: String
    public var href: String
    public var type: String?
    public var title: String?
    /// Size in bytes, for enclosures.
    public var length: String?
    public var hreflang: String?

    public init(rel: String, href: String, type: String? = nil, title: String? = nil) {
        self.rel = rel
        self.href = href
        self.type = type
        self.title = title
    }
}

/// A category or keyword (`<category>`, `dc:subject`, Atom `category`).
public struct FeedTag: Sendable, Codable, Hashable {
    public var term: String
    public var scheme: String?
    public var label: String?

    public init(term: String, scheme: String? = nil, label: String? = nil) {
        self.term = term
        self.scheme = scheme
        self.label = label
    }
}

/// A block of full content (`content:encoded`, Atom `content`).
public struct FeedContent: Sendable, Codable, Hashable {
    /// MIME type: `text/plain`, `text/html` or `application/xhtml+xml`.
    public var type: String?
    public var language: String?
    public var value: String
    /// The `xml:base` in effect, against which relative links inside `value` were resolved.
    public var base: String?
    /// Atom's out-of-line content address (`src`).
    public var src: String?

    public init(type: String? = nil, language: String? = nil, value: String) {
        self.type = type
        self.language = language
        self.value = value
    }
}

/// A media attachment (`<enclosure>`, `rel="enclosure"` links).
public struct FeedEnclosure: Sendable, Codable, Hashable {
    public var href: String
    public var type: String?
    public var length: String?

    public init(href: String, type: String? = nil, length: String? = nil) {
        self.href = href
        self.type = type
        self.length = length
    }
}
