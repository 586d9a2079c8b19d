/// The compiled contents of `domains.toml`: every term of every list, what it is evidence for,
/// and how the evidence is weighed.
struct EvidenceModel: Sendable {
    /// What a matched term is evidence for.
    enum Target: Sendable, Hashable {
        /// A direct mention of municipalities or local self-government.
        case municipal
        /// A domain, by index into `domains`.
        case domain(Int)
        /// A municipal signal (issuer, committee, EU body), by index into `signals`.
        case signal(Int)
        /// An enumeration of every level of government ("the Republic, the province and the
        /// municipalities"): the act is general, so direct municipal mentions count less.
        case sharedLevels
    }

    /// One term as configured.
    struct Term: Sendable {
        var target: Target
        var weight: Double
        /// Bit set of the language groups whose lists hold the term.
        var languages: UInt32
        /// The term as written, without the stem marker: shown in `why`.
        var display: String
    }

    struct Domain: Sendable {
        var id: String
        /// How much the domain's score counts toward municipal relevance (0…1).
        var municipal: Double
    }

    struct Signal: Sendable {
        var name: String
        var weight: Double
    }

    var terms: [Term]
    var domains: [Domain]
    var signals: [Signal]
    /// Weight of a direct municipal mention.
    var municipalWeight: Double
    /// Factor applied to direct municipal evidence when the text enumerates all levels of government.
    var sharedLevelsFactor: Double
    /// Relevance at or above which an act is municipal.
    var municipalThreshold: Double
    /// Score at or above which a domain is listed.
    var domainThreshold: Double
    /// Evidence found only in the summary counts this much of evidence in the title.
    var summaryFactor: Double
    /// Input language (lowercased) → bit set of term-list groups that serve it.
    var languageGroups: [String: UInt32]
    /// All groups, for items without a known language.
    var allGroups: UInt32
    let matcher: TermMatcher
}
