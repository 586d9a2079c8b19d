/// The phase and domain ids the digests know, and the orders they are shown in.
enum PhaseCatalog {
    /// A group of phases shown together in the weekly digests.
    struct Group: Sendable, Hashable {
        let id: String
        let phases: [String]
    }

    /// All phase ids in legislative order.
    static let phases = [
        "draft", "consultation", "proposal", "committee", "first-reading", "second-reading", "third-reading",
        "reconsideration", "adopted", "published", "in-force", "withdrawn", "rejected", "unclassified",
    ]

    /// Weekly digest order: what became law first, then parliament, government, drafts, what ended, the rest.
    static let groups: [Group] = [
        Group(id: "enacted", phases: ["adopted", "published", "in-force"]),
        Group(id: "parliament", phases: ["committee", "first-reading", "second-reading", "third-reading", "reconsideration"]),
        Group(id: "government", phases: ["proposal"]),
        Group(id: "drafts", phases: ["draft", "consultation"]),
        Group(id: "ended", phases: ["withdrawn", "rejected"]),
        Group(id: "unclassified", phases: ["unclassified"]),
    ]

    /// Phases of acts that left the procedure (the overview's "completed" part).
    static let completed: Set<String> = ["published", "in-force", "withdrawn", "rejected"]

    /// The 20 domain ids, in the order the labels file lists them.
    static let domains = [
        "local-government", "local-finance", "public-employees", "spatial-planning", "housing-construction",
        "utilities", "environment", "roads-transport", "civil-protection", "education", "social-care", "health",
        "culture", "sport", "public-procurement", "elections", "agriculture-rural", "economy-tourism", "eu-funds",
        "digital-government",
    ]

    /// The group of a phase id; unknown ids count as unclassified.
    static func group(of phase: String) -> Group {
        groups.first { $0.phases.contains(phase) } ?? groups[groups.count - 1]
    }

    /// Position in legislative order; unknown ids sort last.
    static func rank(of phase: String) -> Int {
        phases.firstIndex(of: phase) ?? phases.count
    }
}
