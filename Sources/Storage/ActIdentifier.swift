/// An official identifier of an act: ELI, CELEX, EPA, SOP, EVA, an EU procedure reference, or a
/// gazette/OJ citation. Citations name a gazette issue shared by many acts, so they are shown but
/// never used to join items into one act.
public struct ActIdentifier: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `eli`, `celex`, `epa`, `sop`, `eva`, `procedure`, `citation`, or a source-specific scheme.
    public var scheme: String
    /// The identifier as written by the source, trimmed.
    public var value: String

    /// Creates an identifier.
    public init(scheme: String, value: String) {
        self.scheme = scheme
        self.value = value
    }

    /// Whether two acts sharing this identifier are the same act.
    public var identifiesAct: Bool { scheme != "citation" }

    public var description: String { "\(scheme.uppercased()) \(value)" }
}
