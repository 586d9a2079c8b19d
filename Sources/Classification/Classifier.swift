import Foundation
import TextFolding

/// Classifies items: phase from ordered rules, municipal relevance and domains from weighted term
/// evidence found in one pass over the folded title and summary.
public struct Classifier: Sendable {
    let phaseRules: [PhaseRule]
    let evidence: EvidenceModel

    /// The one-pass matcher over all configured terms (exposed for benchmarks).
    public var matcher: TermMatcher { evidence.matcher }

    /// Classifies one item.
    /// - Parameters:
    ///   - input: the item's text and provenance.
    ///   - now: the moment against which entry into force is judged.
    public func classify(_ input: ClassificationInput, now: Date) -> Classification {
        var why: [String] = []
        let (phase, rule) = decidePhase(input, now: now, why: &why)
        let verdict = weigh(input, why: &why)
        return Classification(phase: phase, municipal: verdict.relevance >= evidence.municipalThreshold,
                              relevance: verdict.relevance, domains: verdict.domains, why: why,
                              matchedPhaseRule: rule)
    }

    // MARK: Phase

    func decidePhase(_ input: ClassificationInput, now: Date, why: inout [String]) -> (Phase, String?) {
        let raw = input.phaseRaw.map(TextFolding.folded).flatMap { $0.isEmpty ? nil : $0 }
        var title: String?
        let sourceType = input.sourceType.map(TextFolding.folded)
        for rule in phaseRules where rule.applies(jurisdiction: input.jurisdiction, source: input.source, language: input.language) {
            let value: String?
            switch rule.field {
            case .phaseRaw: value = raw
            case .title:
                // A raw phase is authoritative: an unknown wording stays unclassified rather than
                // being guessed from the title, so the secretariat sees it.
                guard raw == nil else { continue }
                if title == nil { title = TextFolding.folded(input.title) }
                value = title
            case .sourceType: value = sourceType
            }
            guard let value, let matched = rule.match(value) else { continue }
            why.append("phase: rule \"\(rule.name == matched ? matched : rule.name)\" (\(rule.scopeDescription))")
            return (promoted(rule.phase, input, now: now, why: &why), rule.name)
        }
        if raw == nil, let fallback = input.defaultPhase {
            why.append("phase: source default \(fallback.rawValue)")
            return (promoted(fallback, input, now: now, why: &why), nil)
        }
        if let rawText = input.phaseRaw, raw != nil {
            why.append("phase: no rule for \"\(rawText)\"")
        }
        return (.unclassified, nil)
    }

    /// A published act whose entry into force has passed is in force.
    private func promoted(_ phase: Phase, _ input: ClassificationInput, now: Date, why: inout [String]) -> Phase {
        guard phase == .published, let inForce = input.inForce, inForce <= now else { return phase }
        why.append("phase: in force since \(inForce.formatted(.iso8601.year().month().day()))")
        return .inForce
    }

    // MARK: Evidence

    /// One matched term: its id, whether it occurred in the title, and the words it spans.
    struct Hit {
        var term: Int32
        var inTitle: Bool
        var firstWord: Int32
        var lastWord: Int32

        /// True when `other` is evidence for the same thing and covers this hit's words: "lokaln*
        /// samouprav*" inside "jedinic* lokaln* samouprav*" says nothing new.
        /// Of two terms spanning the same words (stems that fold alike), the stronger or first one stays.
        func isSubsumed(by other: Hit, targets: [EvidenceModel.Term]) -> Bool {
            guard other.term != term, other.inTitle == inTitle, other.firstWord <= firstWord, other.lastWord >= lastWord,
                  targets[Int(other.term)].target == targets[Int(term)].target else { return false }
            if other.firstWord < firstWord || other.lastWord > lastWord { return true }
            let mine = targets[Int(term)].weight, theirs = targets[Int(other.term)].weight
            return theirs > mine || (theirs == mine && other.term < term)
        }
    }

    /// Matched terms of the item's title and summary, each once (title wins), limited to the
    /// term lists serving the item's language.
    func hits(_ input: ClassificationInput) -> [Hit] {
        let mask = input.language.flatMap { evidence.languageGroups[$0.lowercased()] } ?? evidence.allGroups
        var hits: [Hit] = []
        var buffer: [UInt8] = []
        buffer.reserveCapacity(input.title.utf8.count + (input.summary?.utf8.count ?? 0) + 16)
        let terms = evidence.terms
        let matcher = evidence.matcher
        func collect(inTitle: Bool) {
            matcher.scan(buffer) { term, word in
                guard terms[term].languages & mask != 0, !hits.contains(where: { $0.term == Int32(term) }) else { return }
                hits.append(Hit(term: Int32(term), inTitle: inTitle, firstWord: Int32(word),
                                lastWord: Int32(word + matcher.wordCount(of: term) - 1)))
            }
        }
        TextFolding.fold(input.title, into: &buffer)
        collect(inTitle: true)
        if let summary = input.summary, !summary.isEmpty {
            buffer.removeAll(keepingCapacity: true)
            TextFolding.fold(summary, into: &buffer)
            collect(inTitle: false)
        }
        return hits
    }

    /// Domain scores and municipal relevance from the evidence, with the reasons appended to `why`.
    func weigh(_ input: ClassificationInput, why: inout [String]) -> (relevance: Double, domains: [DomainScore]) {
        let hits = hits(input)
        guard !hits.isEmpty else { return (0, []) }
        let model = evidence
        var domainMiss = [Double](repeating: 1, count: model.domains.count)
        var municipalMiss = 1.0
        let direct = hits.contains { model.terms[Int($0.term)].target == .sharedLevels }
            ? model.municipalWeight * model.sharedLevelsFactor : model.municipalWeight
        for hit in hits where !hits.contains(where: { hit.isSubsumed(by: $0, targets: model.terms) }) {
            let term = model.terms[Int(hit.term)]
            let strength = term.weight * (hit.inTitle ? 1 : model.summaryFactor)
            let place = hit.inTitle ? "title" : "summary"
            switch term.target {
            case .municipal:
                municipalMiss *= 1 - strength * direct
                why.append("municipal: \"\(term.display)\" in \(place)")
            case .sharedLevels:
                why.append("municipal: every level of government named (\"\(term.display)\" in \(place)), direct mentions count less")
            case .domain(let index):
                domainMiss[index] *= 1 - strength
                why.append("\(model.domains[index].id): \"\(term.display)\" in \(place)")
            case .signal(let index):
                municipalMiss *= 1 - strength * model.signals[index].weight
                why.append("signal \(model.signals[index].name): \"\(term.display)\" in \(place)")
            }
        }
        var domains: [DomainScore] = []
        // Only listed domains count toward municipal relevance: a stray weak term says too little.
        for (index, miss) in domainMiss.enumerated() where 1 - miss >= model.domainThreshold {
            let score = 1 - miss
            municipalMiss *= 1 - score * model.domains[index].municipal
            domains.append(DomainScore(id: model.domains[index].id, score: score))
        }
        domains.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        return (1 - municipalMiss, domains)
    }
}
