import Foundation

/// One parsed and classified item of a source, ready to be stored.
public struct IncomingItem: Sendable {
    /// The item's GUID/id as the source gives it.
    public var guid: String?
    /// The item's link.
    public var link: String?
    /// The act's title.
    public var title: String
    /// Description or summary text.
    public var summary: String?
    /// The date the source gives for the item (publication or update).
    public var documentDate: Date?
    /// Canonical phase id (see the Classification module).
    public var phase: String
    /// Position of `phase` in legislative order; the act's phase only moves forward in this order.
    public var phaseRank: Int
    /// The source's own wording of the phase.
    public var phaseRaw: String?
    /// Official identifiers found in the item.
    public var identifiers: [ActIdentifier]
    /// Entry-into-force date, when known.
    public var inForce: Date?
    /// Act type in folded form ("zakon", "uredba", "regulation"), used for identity.
    public var actType: String?
    /// Classification: touches municipalities?
    public var municipal: Bool
    /// Classification: relevance 0…1.
    public var relevance: Double
    /// Classification: domains with scores.
    public var domains: [StoredDomain]
    /// Classification: the evidence.
    public var why: [String]

    /// Creates an item.
    public init(guid: String? = nil, link: String? = nil, title: String, summary: String? = nil,
                documentDate: Date? = nil, phase: String, phaseRank: Int, phaseRaw: String? = nil,
                identifiers: [ActIdentifier] = [], inForce: Date? = nil, actType: String? = nil,
                municipal: Bool = false, relevance: Double = 0, domains: [StoredDomain] = [], why: [String] = []) {
        self.guid = guid
        self.link = link
        self.title = title
        self.summary = summary
        self.documentDate = documentDate
        self.phase = phase
        self.phaseRank = phaseRank
        self.phaseRaw = phaseRaw
        self.identifiers = identifiers
        self.inForce = inForce
        self.actType = actType
        self.municipal = municipal
        self.relevance = relevance
        self.domains = domains
        self.why = why
    }
}

/// A domain id with its score, as stored.
public struct StoredDomain: Sendable, Codable, Hashable {
    /// Domain id, e.g. `local-finance`.
    public var id: String
    /// Score 0…1.
    public var score: Double

    /// Creates a domain score.
    public init(id: String, score: Double) {
        self.id = id
        self.score = score
    }
}
