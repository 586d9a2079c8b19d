import ConfigFiles

/// The members who receive digests, read from `config/members.toml` (`[[member]]` tables).
///
/// ```toml
/// [[member]]
/// name = "Občina Kamnik — Ana Novak"
/// email = "ana.novak@example.org"
/// language = "sl"                 # sl | sr-Latn | sr-Cyrl | bs | en
/// digests = ["weekly", "eu"]      # default: both
/// domains = ["local-finance"]     # default: every domain
/// min_relevance = 0.3             # default: 0
/// jurisdictions = ["si", "eu"]    # default: all
/// ```
public struct MemberDirectory: Sendable, Equatable {
    /// Members in file order.
    public var members: [Member]

    static let allowedKeys = ["name", "email", "language", "digests", "domains", "min_relevance", "jurisdictions"]
    static let jurisdictions = ["si", "rs", "srpska", "ba", "eu"]

    /// Creates a directory from members already in memory.
    public init(members: [Member]) {
        self.members = members
    }

    /// Members subscribed to `digest`.
    public func subscribers(of digest: MailDigest) -> [Member] {
        members.filter { $0.subscribes(to: digest) }
    }

    /// Reads and validates a member file.
    /// - Throws: ``ConfigError`` naming the file, the line and the key (`member[2].email`) for
    ///   syntax errors, unknown keys, invalid addresses or languages, and duplicate addresses.
    public static func load(file: String) throws(ConfigError) -> MemberDirectory {
        let source = try TOMLReader(file: file)
        for key in source.topLevel.keys where key != "member" {
            throw source.topLevel.error(key, "unknown top-level key; members are `[[member]]` tables")
        }
        var members: [Member] = []
        var seen: [String: Int] = [:]
        for reader in try source.tables("member") {
            let index = members.count
            let member = try member(from: reader)
            if let other = seen[member.email.value.lowercased()] {
                throw reader.error("email", "\(member.email) is also member \(other); list each address once")
            }
            seen[member.email.value.lowercased()] = index + 1
            members.append(member)
        }
        return MemberDirectory(members: members)
    }

    private static func member(from reader: TOMLReader.Table) throws(ConfigError) -> Member {
        try reader.rejectUnknownKeys(allowedKeys)
        let name = try reader.requiredString("name")
        let emailText = try reader.requiredString("email")
        guard let email = EmailAddress(emailText) else {
            throw reader.error("email", "'\(emailText)' is not an e-mail address like name@example.org")
        }
        let language = try reader.requiredString("language")
        guard Member.languages.contains(language) else {
            throw reader.error("language", "unknown language '\(language)'; use one of \(Member.languages.joined(separator: ", "))")
        }
        var digests: [MailDigest] = []
        for text in try reader.strings("digests") ?? MailDigest.allCases.map(\.rawValue) {
            guard let digest = MailDigest(rawValue: text) else {
                throw reader.error("digests", "unknown digest '\(text)'; use \"weekly\" and/or \"eu\"")
            }
            digests.append(digest)
        }
        let minimum = try reader.number("min_relevance") ?? 0
        guard (0...1).contains(minimum) else { throw reader.error("min_relevance", "must be between 0 and 1") }
        let jurisdictions = try reader.strings("jurisdictions") ?? []
        if let bad = jurisdictions.first(where: { !Self.jurisdictions.contains($0) }) {
            throw reader.error("jurisdictions", "unknown jurisdiction '\(bad)'; use \(Self.jurisdictions.joined(separator: ", "))")
        }
        return Member(name: name, email: email, language: language, digests: digests,
                      domains: try reader.strings("domains") ?? [], minRelevance: minimum, jurisdictions: jurisdictions)
    }
}
