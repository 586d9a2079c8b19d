import Foundation
import TextFolding

/// Classifies items: phase from ordered rules, municipal relevance and domains from weighted term
/// evidence found in one pass over the folded title and summary.
public struct Classifier: Sendable {
    /// Everything loaded from the rule files. One reference: copies of a classifier are cheap and
    /// the struct's layout never changes when the model does.
    final class Model: Sendable {
        let phaseRules: [PhaseRule]
        let evidence: EvidenceModel
        /// The phase rules flattened for the candidate loop, with the candidates per jurisdiction.
        let ruleIndex: PhaseRuleIndex
        /// `evidence.languageGroups` as a list: a few string comparisons beat hashing.
        let languageGroups: [(language: String, groups: UInt32)]

        init(phaseRules: [PhaseRule], evidence: EvidenceModel) {
            self.phaseRules = phaseRules
            self.evidence = evidence
            ruleIndex = PhaseRuleIndex(rules: phaseRules)
            languageGroups = evidence.languageGroups.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }

        /// The term-list groups serving an input language (as given, then lowercased), or all.
        func groups(for language: String?) -> UInt32 {
            guard let language else { return evidence.allGroups }
            if let entry = languageGroups.first(where: { $0.language == language }) { return entry.groups }
            let lowered = language.lowercased()
            return languageGroups.first { $0.language == lowered }?.groups ?? evidence.allGroups
        }
    }

    let model: Model

    init(phaseRules: [PhaseRule], evidence: EvidenceModel) {
        model = Model(phaseRules: phaseRules, evidence: evidence)
    }

    /// The one-pass matcher over all configured terms (exposed for benchmarks).
    public var matcher: TermMatcher { model.evidence.matcher }

    /// Classifies one item.
    /// - Parameters:
    ///   - input: the item's text and provenance.
    ///   - now: the moment against which entry into force is judged.
    public func classify(_ input: ClassificationInput, now: Date) -> Classification {
        let longest = max(input.title.utf8.count, input.summary?.utf8.count ?? 0)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TextFolding.maximumFoldedCount(utf8Count: longest)) { buffer in
            var why: [String] = []
            why.reserveCapacity(16)
            var title = input.title
            let titleCount = title.withUTF8 { TextFolding.fold(utf8: $0, into: buffer) }
            let foldedTitle = UnsafeBufferPointer(rebasing: buffer[..<titleCount])
            let (phase, rule) = decidePhase(
                raw: input.phaseRaw ?? "", sourceType: input.sourceType ?? "", jurisdiction: input.jurisdiction,
                source: input.source, language: input.language, defaultPhase: input.defaultPhase, inForce: input.inForce,
                foldedTitle: foldedTitle, now: now, why: &why)

            let mask = model.groups(for: input.language)
            var hits: [Hit] = []
            hits.reserveCapacity(16)
            collectHits(in: foldedTitle, inTitle: true, mask: mask, into: &hits)
            if var summary = input.summary, !summary.isEmpty {
                let summaryCount = summary.withUTF8 { TextFolding.fold(utf8: $0, into: buffer) }
                collectHits(in: UnsafeBufferPointer(rebasing: buffer[..<summaryCount]), inTitle: false, mask: mask, into: &hits)
            }
            let verdict = weigh(hits, why: &why)
            return Classification(phase: phase, municipal: verdict.relevance >= model.evidence.municipalThreshold,
                                  relevance: verdict.relevance, domains: verdict.domains, why: why,
                                  matchedPhaseRule: rule)
        }
    }

    // MARK: Phase

    func decidePhase(raw rawText: String, sourceType: String, jurisdiction: String?, source: String?, language: String?,
                     defaultPhase: Phase?, inForce: Date?, foldedTitle: UnsafeBufferPointer<UInt8>, now: Date,
                     why: inout [String]) -> (Phase, String?) {
        let model = self.model
        let index = model.ruleIndex
        let candidates = index.candidates(for: jurisdiction)
        return withFolded(rawText) { raw in
            withFolded(sourceType) { sourceType in
                var lowered: (source: String?, language: String?)?
                for candidate in candidates {
                    let rule = Int(candidate)
                    let key = index.keys[rule]
                    if key.scoped {
                        if lowered == nil { lowered = (source?.lowercased(), language?.lowercased()) }
                        guard model.phaseRules[rule].admits(source: lowered?.source, language: lowered?.language) else { continue }
                    }
                    let value: UnsafeBufferPointer<UInt8>
                    switch key.field {
                    case 0: value = raw
                    case 1:
                        // A raw phase is authoritative: an unknown wording stays unclassified rather than
                        // being guessed from the title, so the secretariat sees it.
                        guard raw.isEmpty else { continue }
                        value = foldedTitle
                    default: value = sourceType
                    }
                    guard !value.isEmpty else { continue }
                    let found = key.test == 3 ? model.phaseRules[rule].match(value) : index.match(rule: rule, value)
                    guard let matched = found else { continue }
                    let phaseRule = model.phaseRules[rule]
                    why.append(phaseRule.whyLines[matched])
                    return (promoted(phaseRule.phase, inForce: inForce, now: now, why: &why), phaseRule.displayName)
                }
                if raw.isEmpty, let fallback = defaultPhase {
                    why.append("phase: source default \(fallback.rawValue)")
                    return (promoted(fallback, inForce: inForce, now: now, why: &why), nil)
                }
                if !raw.isEmpty { why.append("phase: no rule for \"\(rawText)\"") }
                return (.unclassified, nil)
            }
        }
    }

    /// Runs `body` with the folded bytes of a short string (its own bytes when already folded:
    /// lowercase ASCII words, as source types are).
    private func withFolded<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard !text.isEmpty else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        var text = text
        return text.withUTF8 { utf8 in
            if utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || ($0 >= 0x30 && $0 <= 0x39) }) { return body(utf8) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TextFolding.maximumFoldedCount(utf8Count: utf8.count)) { buffer in
                let count = TextFolding.fold(utf8: utf8, into: buffer)
                return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
            }
        }
    }

    /// A published act whose entry into force has passed is in force.
    private func promoted(_ phase: Phase, inForce: Date?, now: Date, why: inout [String]) -> Phase {
        guard phase == .published, let inForce, inForce <= now else { return phase }
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
        /// samouprav*" inside "jedinic* lokaln* samouprav*" says nothing new. Of two terms spanning
        /// the same words (stems that fold alike), the stronger or first one stays.
        func isSubsumed(by other: Hit, terms: [EvidenceModel.Term]) -> Bool {
            guard other.term != term, other.inTitle == inTitle, other.firstWord <= firstWord, other.lastWord >= lastWord,
                  terms[Int(other.term)].target == terms[Int(term)].target else { return false }
            if other.firstWord < firstWord || other.lastWord > lastWord { return true }
            let mine = terms[Int(term)].weight, theirs = terms[Int(other.term)].weight
            return theirs > mine || (theirs == mine && other.term < term)
        }
    }

    /// Adds the terms matched in `text` that serve the item's languages, each term once (title first).
    func collectHits(in text: UnsafeBufferPointer<UInt8>, inTitle: Bool, mask: UInt32, into hits: inout [Hit]) {
        let evidence = model.evidence
        evidence.terms.withUnsafeBufferPointer { terms in
            evidence.matcher.scan(text) { term, word in
                guard terms[term].languages & mask != 0, !hits.contains(where: { $0.term == Int32(term) }) else { return }
                hits.append(Hit(term: Int32(term), inTitle: inTitle, firstWord: Int32(word),
                                lastWord: Int32(word) + terms[term].wordCount - 1))
            }
        }
    }

    /// Domain scores and municipal relevance from the evidence, with the reasons appended to `why`.
    func weigh(_ hits: [Hit], why: inout [String]) -> (relevance: Double, domains: [DomainScore]) {
        guard !hits.isEmpty else { return (0, []) }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: model.evidence.domains.count) { domainMiss in
            domainMiss.initialize(repeating: 1)
            return weigh(hits, domainMiss: domainMiss, why: &why)
        }
    }

    private func weigh(_ hits: [Hit], domainMiss: UnsafeMutableBufferPointer<Double>,
                       why: inout [String]) -> (relevance: Double, domains: [DomainScore]) {
        let evidence = model.evidence
        let terms = evidence.terms
        var municipalMiss = 1.0
        let direct = hits.contains { terms[Int($0.term)].target == .sharedLevels }
            ? evidence.municipalWeight * evidence.sharedLevelsFactor : evidence.municipalWeight
        for hit in hits where !hits.contains(where: { hit.isSubsumed(by: $0, terms: terms) }) {
            let term = terms[Int(hit.term)]
            let strength = term.weight * (hit.inTitle ? 1 : evidence.summaryFactor)
            why.append(hit.inTitle ? evidence.termWhy[Int(hit.term)].title : evidence.termWhy[Int(hit.term)].summary)
            switch term.target {
            case .municipal: municipalMiss *= 1 - strength * direct
            case .domain(let index): domainMiss[index] *= 1 - strength
            case .signal(let index): municipalMiss *= 1 - strength * evidence.signals[index].weight
            case .sharedLevels: break
            }
        }
        var domains: [DomainScore] = []
        // Only listed domains count toward municipal relevance: a stray weak term says too little.
        for (index, miss) in domainMiss.enumerated() where 1 - miss >= evidence.domainThreshold {
            let score = 1 - miss
            municipalMiss *= 1 - score * evidence.domains[index].municipal
            domains.append(DomainScore(id: evidence.domains[index].id, score: score))
        }
        domains.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        return (1 - municipalMiss, domains)
    }
}
