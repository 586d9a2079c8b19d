/// The shape of a source document: a feed format, or XML/HTML read with XPath selectors.
public enum DocumentKind: String, Sendable, Codable, CaseIterable {
    case rss, atom, rdf, xml, html
}
