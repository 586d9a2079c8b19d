import Foundation

/// What the classifier knows about one item: its text and where it comes from.
public struct ClassificationInput: Sendable {
    /// The act's title.
    public var title: String
    /// A summary or description, when the source gives one.
    public var summary: String?
    /// The source id, e.g. "si-dz".
    public var source: String?
    /// The jurisdiction: si, rs, srpska, ba, eu …
    public var jurisdiction: String?
    /// The language of the text: sl, sr, bs, hr, en …
    public var language: String?
    /// The source's own wording of the procedure phase, e.g. "druga obravnava - MDT".
    public var phaseRaw: String?
    /// The source kind: gazette, parliament, government, consultation, eu-journal, eu-procedure.
    public var sourceType: String?
    /// The phase to use when no rule places the item (and it has no raw phase).
    public var defaultPhase: Phase?
    /// Entry into force, for published acts.
    public var inForce: Date?

    /// An item to classify.
    public init(title: String, summary: String? = nil, source: String? = nil, jurisdiction: String? = nil,
                language: String? = nil, phaseRaw: String? = nil, sourceType: String? = nil,
                defaultPhase: Phase? = nil, inForce: Date? = nil) {
        self.title = title
        self.summary = summary
        self.source = source
        self.jurisdiction = jurisdiction
        self.language = language
        self.phaseRaw = phaseRaw
        self.sourceType = sourceType
        self.defaultPhase = defaultPhase
        self.inForce = inForce
    }
}
