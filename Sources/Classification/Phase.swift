/// Where an act stands in its adoption procedure. The raw ids are fixed: digests localise them.
public enum Phase: String, Sendable, Codable, CaseIterable {
    case draft, consultation, proposal, committee
    case firstReading = "first-reading", secondReading = "second-reading", thirdReading = "third-reading"
    case adopted, reconsideration, published
    case inForce = "in-force"
    case withdrawn, rejected, unclassified
}
