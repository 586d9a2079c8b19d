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
        /// Indices of the rules that can apply to a jurisdiction (lowercased), in file order; rules
        /// without a jurisdiction scope are in every list and in `unscopedRules`.
        let rulesByJurisdiction: [String: [Int]]
        let unscopedRules: [Int]
        /// True when some rule is limited to sources or languages.
        let rulesHaveSourceOrLanguage: Bool

        init(phaseRules: [PhaseRule], evidence: EvidenceModel) {
            self.phaseRules = phaseRules
            self.evidence = evidence
            let jurisdictions = Set(phaseRules.flatMap { $0.jurisdictions ?? [] })
            var byJurisdiction: [String: [Int]] = [:]
            for jurisdiction in jurisdictions {
                byJurisdiction[jurisdiction] = phaseRules.indices.filter { phaseRules[$0].jurisdictions?.contains(jurisdiction) ?? true }
            }
            rulesByJurisdiction = byJurisdiction
            unscopedRules = phaseRules.indices.filter { phaseRules[$0].jurisdictions == nil }
            rulesHaveSourceOrLanguage = phaseRules.contains { $0.sources != nil || $0.languages != nil }
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

            let mask = input.language.flatMap { model.evidence.languageGroups[$0] ?? model.evidence.languageGroups[$0.lowercased()] }
                ?? model.evidence.allGroups
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
        let rules = model.phaseRules
        let scoped = model.rulesHaveSourceOrLanguage
        let candidates = jurisdiction.map { model.rulesByJurisdiction[$0] ?? model.rulesByJurisdiction[$0.lowercased()] ?? model.unscopedRules }
            ?? model.unscopedRules
        let source = scoped ? source?.lowercased() : nil
        let language = scoped ? language?.lowercased() : nil
        return withFolded(rawText) { raw in
            withFolded(sourceType) { sourceType in
                for index in candidates {
                    let rule = rules[index]
                    guard !scoped || rule.admits(source: source, language: language) else { continue }
                    let value: UnsafeBufferPointer<UInt8>
                    switch rule.field {
                    case .phaseRaw: value = raw
                    case .title:
                        // A raw phase is authoritative: an unknown wording stays unclassified rather than
                        // being guessed from the title, so the secretariat sees it.
                        guard raw.isEmpty else { continue }
                        value = foldedTitle
                    case .sourceType: value = sourceType
                    }
                    guard !value.isEmpty, let matched = rule.match(value) else { continue }
                    why.append(rule.whyLines[matched])
                    return (promoted(rule.phase, inForce: inForce, now: now, why: &why), rule.displayName)
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
        let terms = model.evidence.terms
        let matcher = model.evidence.matcher
        matcher.scan(text) { term, word in
            guard terms[term].languages & mask != 0, !hits.contains(where: { $0.term == Int32(term) }) else { return }
            hits.append(Hit(term: Int32(term), inTitle: inTitle, firstWord: Int32(word),
                            lastWord: Int32(word + matcher.wordCount(of: term) - 1)))
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
