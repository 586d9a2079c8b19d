/// XPath 1.0 expressions that pick items and their fields out of an XML or HTML document.
///
/// `items` selects the item nodes; every other expression is evaluated relative to one item and
/// yields the string value of its first match.
public struct XPathSelectors: Sendable, Hashable {
    public var items: String
    public var title: String
    public var link: String?
    public var id: String?
    public var summary: String?
    public var published: String?
    public var updated: String?
    public var phase: String?
    public var identifier: String?
    public var inForce: String?

    /// Creates selectors; only `items` and `title` are required.
    public init(items: String, title: String, link: String? = nil, id: String? = nil, summary: String? = nil,
                published: String? = nil, updated: String? = nil, phase: String? = nil,
                identifier: String? = nil, inForce: String? = nil) {
        self.items = items
        self.title = title
        self.link = link
        self.id = id
        self.summary = summary
        self.published = published
        self.updated = updated
        self.phase = phase
        self.identifier = identifier
        self.inForce = inForce
    }
}
