import Classification
import FeedParsing
import Foundation
import Storage

/// Turns one parsed document into classified items ready for storage.
struct ItemAssembler: Sendable {
    let classifier: Classifier

    /// The storage rank of a phase: `unclassified` lowest, then legislative order, so an act's
    /// phase only ever moves forward.
    static func rank(of phase: Phase) -> Int {
        phase == .unclassified ? 0 : (Phase.allCases.firstIndex(of: phase) ?? 0) + 1
    }

    /// Items of a document; entries without a title are counted as skipped.
    func items(from feed: ParsedFeed, source: SourceDefinition, now: Date) -> (items: [IncomingItem], skipped: Int) {
        var items: [IncomingItem] = []
        var skipped = 0
        for entry in feed.entries {
            guard let title = entry.title.map(PlainText.from), !title.isEmpty else {
                skipped += 1
                continue
            }
            let summary = (entry.summary ?? entry.content.first?.value).map(PlainText.from).flatMap { $0.isEmpty ? nil : $0 }
            let phaseRaw = entry.phaseRaw ?? (source.phaseFrom == "category" ? entry.tags.first?.term : nil)
            let input = ClassificationInput(
                title: title, summary: summary, source: source.id, jurisdiction: source.jurisdiction,
                language: source.language, phaseRaw: phaseRaw, sourceType: source.sourceType,
                defaultPhase: source.defaultPhase.flatMap(Phase.init(rawValue:)), inForce: entry.inForce)
            let classification = classifier.classify(input, now: now)
            let identifiers = IdentifierExtractor.identifiers(
                in: [entry.id, entry.link, title, summary], explicit: entry.identifier,
                explicitScheme: source.identifierScheme ?? source.id)
            let key = TitleKey.of(title)
            items.append(IncomingItem(
                guid: entry.id, link: entry.link, title: title, summary: summary,
                documentDate: entry.published ?? entry.updated,
                phase: classification.phase.rawValue, phaseRank: Self.rank(of: classification.phase), phaseRaw: phaseRaw,
                identifiers: identifiers, inForce: entry.inForce,
                actType: key.split(separator: " ").first.map(String.init),
                municipal: classification.municipal, relevance: classification.relevance,
                domains: classification.domains.map { StoredDomain(id: $0.id, score: $0.score) },
                why: classification.why))
        }
        return (items, skipped)
    }
}

/// Feed text as plain text: tags removed, entities decoded, whitespace collapsed.
enum PlainText {
    static func from(_ text: String) -> String {
        guard text.contains("<") || text.contains("&") else { return collapse(text) }
        var output = ""
        var inTag = false
        for character in text {
            if character == "<" { inTag = true; output.append(" "); continue }
            if character == ">" && inTag { inTag = false; continue }
            if !inTag { output.append(character) }
        }
        let entities = ["&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&apos;": "'"]
        for (entity, value) in entities { output = output.replacingOccurrences(of: entity, with: value) }
        return collapse(output)
    }

    private static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
