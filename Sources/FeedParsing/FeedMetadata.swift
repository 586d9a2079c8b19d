import Foundation

/// Document-level fields (the channel or feed element), in feedparser's vocabulary.
public struct FeedMetadata: Sendable, Codable, Hashable {
    public var title: String?
    public var link: String?
    public var links: [FeedLink]
    public var subtitle: String?
    public var id: String?
    public var updated: Date?
    public var published: Date?
    public var updatedRaw: String?
    public var publishedRaw: String?
    public var language: String?
    public var author: String?
    public var rights: String?
    public var tags: [FeedTag]
    /// Every other feedparser field (`title_detail`, `generator_detail`, `image`, …).
    public var extras: [String: JSONValue]

    public init(title: String? = nil, link: String? = nil, links: [FeedLink] = [], subtitle: String? = nil,
                id: String? = nil, updated: Date? = nil, published: Date? = nil, updatedRaw: String? = nil,
                publishedRaw: String? = nil, language: String? = nil, author: String? = nil, rights: String? = nil,
                tags: [FeedTag] = [], extras: [String: JSONValue] = [:]) {
        self.title = title
        self.link = link
        self.links = links
        self.subtitle = subtitle
        self.id = id
        self.updated = updated
        self.published = published
        self.updatedRaw = updatedRaw
        self.publishedRaw = publishedRaw
        self.language = language
        self.author = author
        self.rights = rights
        self.tags = tags
        self.extras = extras
    }
}
