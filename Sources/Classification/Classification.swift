/// A domain the act touches, with the strength of the evidence (0…1).
public struct DomainScore: Sendable, Codable, Hashable {
    /// Domain id from `domains.toml`, e.g. "local-finance".
    public var id: String
    /// Evidence strength, 0…1.
    public var score: Double

    /// A domain and its score.
    public init(id: String, score: Double) {
        self.id = id
        self.score = score
    }
}

/// The classifier's verdict on one item, with its reasons.
public struct Classification: Sendable, Codable, Hashable {
    /// Procedure phase (`unclassified` when no rule matched; the caller keeps the raw wording).
    public var phase: Phase
    /// True when the act touches municipalities.
    public var municipal: Bool
    /// Municipal relevance, 0…1.
    public var relevance: Double
    /// Domains whose evidence passed their threshold, strongest first.
    public var domains: [DomainScore]
    /// Human-readable evidence: the phase rule and every matched term.
    public var why: [String]
    /// Name of the phase rule that decided the phase, if any.
    public var matchedPhaseRule: String?

    /// A verdict.
    public init(phase: Phase, municipal: Bool, relevance: Double, domains: [DomainScore], why: [String],
                matchedPhaseRule: String?) {
        self.phase = phase
        self.municipal = municipal
        self.relevance = relevance
        self.domains = domains
        self.why = why
        self.matchedPhaseRule = matchedPhaseRule
    }
}
