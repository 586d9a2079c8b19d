import Foundation

/// One item of a document, normalized to feedparser's vocabulary.
public struct FeedEntry: Sendable, Codable, Hashable {
    public var id: String?
    public var title: String?
    public var link: String?
    public var links: [FeedLink]
    public var summary: String?
    public var content: [FeedContent]
    public var published: Date?
    public var updated: Date?
    /// The publication date exactly as the document wrote it.
    public var publishedRaw: String?
    /// The update date exactly as the document wrote it.
    public var updatedRaw: String?
    public var author: String?
    public var tags: [FeedTag]
    public var enclosures: [FeedEnclosure]
    /// The raw phase text picked by an XPath `phase` selector (xml/html kinds).
    public var phaseRaw: String?
    /// An explicit act identifier picked by an XPath `identifier` selector.
    public var identifier: String?
    /// The date an act enters into force, from an XPath `in_force` selector.
    public var inForce: Date?
    /// Every other feedparser field (`title_detail`, `author_detail`, `itunes_…`, …).
    public var extras: [String: JSONValue]

    public init(id: String? = nil, title: String? = nil, link: String? = nil, links: [FeedLink] = [],
                summary: String? = nil, content: [FeedContent] = [], published: Date? = nil, updated: Date? = nil,
                publishedRaw: String? = nil, updatedRaw: String? = nil, author: String? = nil, tags: [FeedTag] = [],
                enclosures: [FeedEnclosure] = [], phaseRaw: String? = nil, identifier: String? = nil,
                inForce: Date? = nil, extras: [String: JSONValue] = [:]) {
        self.id = id
        self.title = title
        self.link = link
        self.links = links
        self.summary = summary
        self.content = content
        self.published = published
        self.updated = updated
        self.publishedRaw = publishedRaw
        self.updatedRaw = updatedRaw
        self.author = author
        self.tags = tags
        self.enclosures = enclosures
        self.phaseRaw = phaseRaw
        self.identifier = identifier
        self.inForce = inForce
        self.extras = extras
    }
}
