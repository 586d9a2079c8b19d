/// Which digest a message carries.
public enum MailDigest: String, Sendable, Hashable, Codable, CaseIterable {
    /// The weekly news of national and regional acts.
    case weekly
    /// Europreglednik, the EU digest.
    case eu
}

/// A member of the association who receives digests, and what they subscribed to.
public struct Member: Sendable, Hashable, Codable {
    /// Display name used in the `To:` header (`Občina Kamnik — Ana Novak`).
    public var name: String
    /// Where the digests go.
    public var email: EmailAddress
    /// Language of the member's messages: `sl`, `sr-Latn`, `sr-Cyrl`, `bs` or `en`.
    public var language: String
    /// Subscribed digests.
    public var digests: [MailDigest]
    /// Domain ids of interest (`local-finance`, `waste`…); empty means every domain.
    public var domains: [String]
    /// Acts below this municipal relevance (0…1) are left out.
    public var minRelevance: Double
    /// Jurisdictions of interest (`si`, `rs`, `srpska`, `ba`, `eu`); empty means all.
    public var jurisdictions: [String]

    /// The languages a member may choose.
    public static let languages = ["sl", "sr-Latn", "sr-Cyrl", "bs", "en"]

    /// Creates a member.
    public init(name: String, email: EmailAddress, language: String, digests: [MailDigest] = MailDigest.allCases,
                domains: [String] = [], minRelevance: Double = 0, jurisdictions: [String] = []) {
        self.name = name
        self.email = email
        self.language = language
        self.digests = digests
        self.domains = domains
        self.minRelevance = minRelevance
        self.jurisdictions = jurisdictions
    }

    /// Whether the member subscribed to `digest`.
    public func subscribes(to digest: MailDigest) -> Bool { digests.contains(digest) }

    /// Whether an act with these properties belongs in this member's message.
    /// - Parameters:
    ///   - domains: the act's domain ids.
    ///   - relevance: the act's municipal relevance, 0…1.
    ///   - jurisdiction: the act's jurisdiction.
    public func wants(domains actDomains: [String], relevance: Double, jurisdiction: String) -> Bool {
        guard relevance >= minRelevance else { return false }
        guard jurisdictions.isEmpty || jurisdictions.contains(jurisdiction) else { return false }
        return domains.isEmpty || actDomains.contains(where: domains.contains)
    }
}
