/// The compiled contents of `domains.toml`: every term of every list, what it is evidence for,
/// and how the evidence is weighed. Immutable, and shared by every copy of a classifier.
final class EvidenceModel: Sendable {
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

    /// One term as configured (`TermTable` holds the columns the hot path reads).
    struct Term: Sendable {
        var target: Target
        var weight: Double
        /// Bit set of the language groups whose lists hold the term.
        var languages: UInt32
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

    /// The terms, as the columns the hot path reads.
    let termTable: TermTable
    /// For each term, the `why` lines for a match in the title and in the summary, built once.
    let termWhy: [(title: String, summary: String)]
    let domains: [Domain]
    let signals: [Signal]
    /// Weight of a direct municipal mention.
    let municipalWeight: Double
    /// Factor applied to direct municipal evidence when the text enumerates all levels of government.
    let sharedLevelsFactor: Double
    /// Relevance at or above which an act is municipal.
    let municipalThreshold: Double
    /// Score at or above which a domain is listed.
    let domainThreshold: Double
    /// Evidence found only in the summary counts this much of evidence in the title.
    let summaryFactor: Double
    /// Input language (lowercased) → bit set of term-list groups that serve it.
    let languageGroups: [String: UInt32]
    /// All groups, for items without a known language.
    let allGroups: UInt32
    let matcher: TermMatcher

    init(terms: [Term], termWhy: [(title: String, summary: String)], domains: [Domain], signals: [Signal], municipalWeight: Double, sharedLevelsFactor: Double,
         municipalThreshold: Double, domainThreshold: Double, summaryFactor: Double, languageGroups: [String: UInt32],
         allGroups: UInt32, matcher: TermMatcher) {
        termTable = TermTable(terms)
        self.termWhy = termWhy
        self.domains = domains
        self.signals = signals
        self.municipalWeight = municipalWeight
        self.sharedLevelsFactor = sharedLevelsFactor
        self.municipalThreshold = municipalThreshold
        self.domainThreshold = domainThreshold
        self.summaryFactor = summaryFactor
        self.languageGroups = languageGroups
        self.allGroups = allGroups
        self.matcher = matcher
    }
}
