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
        /// The same languages as keys, when every one has a key.
        let languageKeys: [(key: ShortKey, groups: UInt32)]?
        /// `evidence.termTable`, held here too: reaching it through `evidence` on the hot path cost
        /// 62 more instructions per `classify` (callgrind, 30 000 calls).
        let termTable: TermTable
        /// `evidence.matcher` for the hot path: copying it retains nothing.
        let scanner: TermMatcher.Unretained

        init(phaseRules: [PhaseRule], evidence: EvidenceModel) {
            self.phaseRules = phaseRules
            self.evidence = evidence
            ruleIndex = PhaseRuleIndex(rules: phaseRules)
            termTable = evidence.termTable
            scanner = evidence.matcher.unretained
            let groups = evidence.languageGroups.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            languageGroups = groups
            languageKeys = ShortKey.keys(groups.map(\.0)).map { keys in
                zip(keys, groups).map { ($0, $1.1) }
            }
        }

        /// The term-list groups serving an input language (as given, then lowercased), or all.
        func groups(for language: String?, key: ShortKey?) -> UInt32 {
            guard let language else { return evidence.allGroups }
            if let key, let languageKeys {
                for entry in languageKeys where entry.key == key { return entry.groups }
                return evidence.allGroups
            }
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
        let model = self.model
        let titleCount = input.title.utf8.count, summaryCount = input.summary?.utf8.count ?? 0
        let rawCount = input.phaseRaw?.utf8.count ?? 0, sourceTypeCount = input.sourceType?.utf8.count ?? 0
        let titleRoom = TextFolding.maximumFoldedCount(utf8Count: titleCount)
        let phaseRoom = TextFolding.maximumFoldedCount(utf8Count: rawCount) + TextFolding.maximumFoldedCount(utf8Count: sourceTypeCount)
        let room = titleRoom + phaseRoom + TextFolding.maximumFoldedCount(utf8Count: summaryCount)
        // Title, raw phase, source type and summary folded once into the thread's scratch bytes.
        let scratch = ClassifyScratch.region(hits: model.termTable.count, bytes: room)
        var free = UnsafeMutableBufferPointer(start: scratch.bytes, count: room)
        let foldedTitle = Self.fold(input.title, into: &free)
        let languageKey = input.language.flatMap(ShortKey.init)
        var phase = decidePhase(input, languageKey: languageKey, foldedTitle: foldedTitle, free: &free, now: now)

        let mask = model.groups(for: input.language, key: languageKey)
        var sink = HitSink(table: model.termTable, mask: mask, seen: scratch.seen, hits: scratch.hits)
        // The matcher's tables without reference counting: the model keeps them alive.
        let matcher = model.scanner
        matcher.scan(terminated: foldedTitle, into: &sink)
        if summaryCount > 0 {
            let foldedSummary = Self.fold(input.summary!, into: &free)
            sink.inTitle = false
            matcher.scan(terminated: foldedSummary, into: &sink)
        }
        let hits = UnsafeMutableBufferPointer(start: scratch.hits, count: sink.count)
        // Leave the seen bits clear for the next call.
        for hit in hits { scratch.seen[Int(hit.term) >> 6] = 0 }
        let verdict = weigh(hits, phase: &phase)
        // The decision's strings move into the result (no copies to retain and release).
        return Classification(phase: phase.phase, municipal: verdict.relevance >= model.evidence.municipalThreshold,
                              relevance: verdict.relevance, domains: verdict.domains, why: verdict.why,
                              matchedPhaseRule: phase.rule.take())
    }

    /// Folds `text` into the start of `free` (room for `maximumFoldedCount`) followed by a space,
    /// returns the folded bytes and leaves `free` as the room after the space.
    @inline(__always)
    private static func fold(_ text: String, into free: inout UnsafeMutableBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let output = free
        // The string's own bytes when it has them (native strings always do; no copy, no retain).
        let count = text.utf8.withContiguousStorageIfAvailable { TextFolding.fold(utf8: $0, into: output) }
            ?? foldCopy(text, into: output)
        // A space after the folded bytes: the matcher's walk stops on it.
        output[count] = 0x20
        free = UnsafeMutableBufferPointer(rebasing: output[(count + 1)...])
        return UnsafeBufferPointer(rebasing: output[..<count])
    }

    /// `fold` for a string without contiguous UTF-8 (a bridged one): folds a contiguous copy. Out
    /// of line, so the copy it needs is not made on the common path.
    @inline(never)
    private static func foldCopy(_ text: String, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var copy = text
        return copy.withUTF8 { TextFolding.fold(utf8: $0, into: output) }
    }

    /// The folded bytes of a short string (raw phase, source type), folded into `free`; empty
    /// for none. (Folding short ASCII costs no more than checking whether it is folded already.)
    @inline(__always)
    private static func folded(_ text: String?, into free: inout UnsafeMutableBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let text, !text.isEmpty else { return UnsafeBufferPointer(start: nil, count: 0) }
        return fold(text, into: &free)
    }

    // MARK: Phase

    /// The decided phase, the rule that decided it and up to two `why` lines.
    struct PhaseDecision {
        var phase: Phase
        var rule: String?
        var why: (String?, String?) = (nil, nil)

        init(_ phase: Phase, rule: String? = nil) {
            self.phase = phase
            self.rule = rule
        }

        mutating func add(_ line: String) {
            if why.0 == nil { why.0 = line } else { why.1 = line }
        }

        var lineCount: Int { (why.0 == nil ? 0 : 1) + (why.1 == nil ? 0 : 1) }
    }

    /// The phase from the first candidate rule that matches, the source's default, or unclassified.
    /// The raw phase and source type are folded into `free`.
    func decidePhase(_ input: ClassificationInput, languageKey: ShortKey?, foldedTitle: UnsafeBufferPointer<UInt8>,
                     free: inout UnsafeMutableBufferPointer<UInt8>, now: Date) -> PhaseDecision {
        let model = self.model
        let index = model.ruleIndex
        let (candidates, list) = index.candidates(for: input.jurisdiction)
        let raw = Self.folded(input.phaseRaw, into: &free)
        let sourceType = Self.folded(input.sourceType, into: &free)
        var sourceKey: ShortKey?
        var sourceKeyed = false
        var lowered: (source: String?, language: String?)?
        // The candidates to visit: all, or only those the first bytes of the fields admit.
        var visit: UInt64 = .max
        if let masks = index.firstByteMasks {
            let row = masks + list &* 3 &* 257
            visit = row[Int(raw.first ?? 0) | (raw.isEmpty ? 256 : 0)]
                | row[2 &* 257 &+ (Int(sourceType.first ?? 0) | (sourceType.isEmpty ? 256 : 0))]
            // A raw phase is authoritative: title rules only without one.
            if raw.isEmpty { visit |= row[257 &+ (Int(foldedTitle.first ?? 0) | (foldedTitle.isEmpty ? 256 : 0))] }
        }
        var position = -1
        while true {
            if index.firstByteMasks != nil {
                guard visit != 0 else { break }
                position = visit.trailingZeroBitCount
                visit &= visit &- 1
            } else {
                position &+= 1
                guard position < candidates.count else { break }
            }
            let rule = Int(candidates[position])
            let key = index.keys[rule]
            if key.scoped {
                if !sourceKeyed {
                    sourceKey = input.source.flatMap(ShortKey.init)
                    sourceKeyed = true
                }
                var admitted = index.admits(rule: rule, source: input.source, sourceKey: sourceKey,
                                            language: input.language, languageKey: languageKey)
                if admitted == nil {
                    if lowered == nil { lowered = (input.source?.lowercased(), input.language?.lowercased()) }
                    admitted = model.phaseRules[rule].admits(source: lowered?.source, language: lowered?.language)
                }
                guard admitted == true else { continue }
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
            // The rule borrowed in place (no retain of it): only its strings are copied, into the result.
            var decision = model.phaseRules.withUnsafeBufferPointer { rules in
                var decision = PhaseDecision(rules[rule].phase, rule: rules[rule].displayName)
                decision.add(rules[rule].whyLines[matched])
                return decision
            }
            decision.phase = promoted(decision.phase, inForce: input.inForce, now: now, decision: &decision)
            return decision
        }
        if raw.isEmpty, let fallback = input.defaultPhase {
            var decision = PhaseDecision(fallback)
            decision.add("phase: source default \(fallback.rawValue)")
            decision.phase = promoted(fallback, inForce: input.inForce, now: now, decision: &decision)
            return decision
        }
        var decision = PhaseDecision(.unclassified)
        if !raw.isEmpty { decision.add("phase: no rule for \"\(input.phaseRaw ?? "")\"") }
        return decision
    }

    /// A published act whose entry into force has passed is in force.
    private func promoted(_ phase: Phase, inForce: Date?, now: Date, decision: inout PhaseDecision) -> Phase {
        guard phase == .published, let inForce, inForce <= now else { return phase }
        decision.add("phase: in force since \(inForce.formatted(.iso8601.year().month().day()))")
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
        @inline(__always)
        func isSubsumed(by other: Hit, terms: TermTable) -> Bool {
            guard other.term != term, other.inTitle == inTitle, other.firstWord <= firstWord, other.lastWord >= lastWord,
                  terms.sameTarget(Int(other.term), Int(term)) else { return false }
            if other.firstWord < firstWord || other.lastWord > lastWord { return true }
            let mine = terms.weights[Int(term)], theirs = terms.weights[Int(other.term)]
            return theirs > mine || (theirs == mine && other.term < term)
        }
    }

    /// Collects the terms matched in the title, then the summary, that serve the item's languages:
    /// each term once, at its first occurrence.
    struct HitSink: MatchSink {
        unowned(unsafe) let table: TermTable
        let mask: UInt32
        let seen: UnsafeMutablePointer<UInt64>
        let hits: UnsafeMutablePointer<Hit>
        var count = 0
        var inTitle = true

        init(table: TermTable, mask: UInt32, seen: UnsafeMutablePointer<UInt64>, hits: UnsafeMutablePointer<Hit>) {
            self.table = table
            self.mask = mask
            self.seen = seen
            self.hits = hits
        }

        @inline(__always)
        mutating func found(term: Int, word: Int, lastWord: Int) {
            let bit: UInt64 = 1 << UInt64(term & 63)
            guard table.languages[term] & mask != 0, seen[term >> 6] & bit == 0 else { return }
            seen[term >> 6] |= bit
            hits[count] = Hit(term: Int32(term), inTitle: inTitle, firstWord: Int32(word),
                              lastWord: Int32(lastWord))
            count &+= 1
        }
    }

    /// Domain scores, municipal relevance and the `why` lines (the phase's, moved out of `phase`,
    /// then every counted term's).
    func weigh(_ hits: UnsafeMutableBufferPointer<Hit>, phase: inout PhaseDecision) -> (relevance: Double, domains: [DomainScore], why: [String]) {
        var why: [String] = []
        why.reserveCapacity(phase.lineCount + hits.count)
        if let line = phase.why.0.take() { why.append(line) }
        if let line = phase.why.1.take() { why.append(line) }
        guard !hits.isEmpty else { return (0, [], why) }
        let evidence = model.evidence
        let terms = model.termTable
        // Words covered by more than one hit (per title and summary, word numbers modulo 64): only
        // a hit on such a word can be subsumed by another.
        var once: (title: UInt64, summary: UInt64) = (0, 0), twice: (title: UInt64, summary: UInt64) = (0, 0)
        var shared = false
        for hit in hits {
            let span = Self.wordBits(hit)
            if hit.inTitle {
                twice.title |= once.title & span
                once.title |= span
            } else {
                twice.summary |= once.summary & span
                once.summary |= span
            }
            shared = shared || terms.kinds[Int(hit.term)] == TermTable.sharedLevels
        }
        let direct = shared ? evidence.municipalWeight * evidence.sharedLevelsFactor : evidence.municipalWeight
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: evidence.domains.count) { domainMiss in
            domainMiss.initialize(repeating: 1)
            var touched: UInt64 = 0
            var municipalMiss = 1.0
            for hit in hits {
                if Self.wordBits(hit) & (hit.inTitle ? twice.title : twice.summary) != 0
                    && hits.contains(where: { hit.isSubsumed(by: $0, terms: terms) }) {
                    continue
                }
                let term = Int(hit.term)
                let strength = terms.weights[term] * (hit.inTitle ? 1 : evidence.summaryFactor)
                why.append(hit.inTitle ? evidence.termWhy[term].title : evidence.termWhy[term].summary)
                switch terms.kinds[term] {
                case TermTable.municipal: municipalMiss *= 1 - strength * direct
                case TermTable.domain:
                    let domain = Int(terms.targets[term])
                    domainMiss[domain] *= 1 - strength
                    touched |= 1 << UInt64(domain & 63)
                case TermTable.signal: municipalMiss *= 1 - strength * evidence.signals[Int(terms.targets[term])].weight
                default: break
                }
            }
            // Only listed domains count toward municipal relevance: a stray weak term says too little.
            // A domain without evidence scores 0, so with a positive threshold only touched ones count.
            let threshold = evidence.domainThreshold
            var domains: [DomainScore] = []
            func list(_ index: Int) {
                let score = 1 - domainMiss[index]
                municipalMiss *= 1 - score * evidence.domains[index].municipal
                domains.append(DomainScore(id: evidence.domains[index].id, score: score))
            }
            if threshold > 0 && domainMiss.count <= 64 {
                var listed: UInt64 = 0
                while touched != 0 {
                    let index = touched.trailingZeroBitCount
                    touched &= touched &- 1
                    if 1 - domainMiss[index] >= threshold { listed |= 1 << UInt64(index) }
                }
                if listed != 0 {
                    domains.reserveCapacity(listed.nonzeroBitCount)
                    while listed != 0 {
                        list(listed.trailingZeroBitCount)
                        listed &= listed &- 1
                    }
                }
            } else {
                for (index, miss) in domainMiss.enumerated() where 1 - miss >= threshold { list(index) }
            }
            if domains.count > 1 { domains.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id } }
            return (1 - municipalMiss, domains, why)
        }
    }

    /// The hit's words as bits of a 64-bit set (word numbers modulo 64).
    @inline(__always)
    private static func wordBits(_ hit: Hit) -> UInt64 {
        var bits: UInt64 = 0
        var word = hit.firstWord
        repeat {
            bits |= 1 << UInt64(word & 63)
            word &+= 1
        } while word <= hit.lastWord
        return bits
    }
}
