import Foundation

/// One real act as stored: possibly seen in several sources.
public struct StoredAct: Sendable, Codable {
    public var id: Int64
    public var title: String
    public var jurisdiction: String
    public var actType: String?
    public var summary: String?
    public var link: String?
    /// Current canonical phase.
    public var phase: String
    public var phaseRaw: String?
    /// When the act entered its current phase (as observed).
    public var phaseSince: Date
    public var documentDate: Date?
    public var inForce: Date?
    public var municipal: Bool
    public var relevance: Double
    public var domains: [StoredDomain]
    public var why: [String]
    public var firstSeen: Date
    public var lastChanged: Date
    /// The source that first reported the act.
    public var sourceID: String
    public var identifiers: [ActIdentifier]
}

/// One entry of an act's append-only phase history.
public struct ActEvent: Sendable, Codable {
    /// Monotonically increasing; digests and mail use it as their high-water mark.
    public var id: Int64
    public var actID: Int64
    public var phase: String
    public var phaseRaw: String?
    /// The date the source gives for this step, if any.
    public var eventDate: Date?
    /// When Preglednik first saw this step.
    public var observedAt: Date
    public var sourceID: String
    public var url: String?
}

/// The fetch state and health of one source.
public struct SourceState: Sendable, Codable {
    public var id: String
    public var name: String
    public var jurisdiction: String
    public var etag: String?
    public var lastModified: String?
    public var bodyHash: String?
    public var lastAttempt: Date?
    public var lastSuccess: Date?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var nextAttempt: Date?
}

/// What storing one source's batch did.
public struct IngestSummary: Sendable, Equatable {
    /// Items that created a new act.
    public var new = 0
    /// Items that changed an existing act (new phase, new identifiers, new text).
    public var updated = 0
    /// Items seen before with the same content.
    public var unchanged = 0

    /// Creates a summary.
    public init(new: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.new = new
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// Which acts to list.
public struct ActFilter: Sendable {
    public var phase: String?
    public var domain: String?
    public var jurisdiction: String?
    /// Only acts changed on or after this instant.
    public var since: Date?
    public var municipalOnly: Bool
    public var limit: Int?

    /// Creates a filter; nil fields do not filter.
    public init(phase: String? = nil, domain: String? = nil, jurisdiction: String? = nil, since: Date? = nil,
                municipalOnly: Bool = false, limit: Int? = nil) {
        self.phase = phase
        self.domain = domain
        self.jurisdiction = jurisdiction
        self.since = since
        self.municipalOnly = municipalOnly
        self.limit = limit
    }
}
