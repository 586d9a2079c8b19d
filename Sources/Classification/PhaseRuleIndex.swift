/// The phase rules flattened for the hot path: per rule a plain key (field, test, scope flags),
/// every folded value in one byte table, and the candidate rules of each jurisdiction in one index
/// table. The loop over candidates touches no reference-counted object until a rule matches (or a
/// rarely used regex or source/language scope needs the `PhaseRule` itself).
///
/// The tables live in raw memory owned by this object and are never written after `init`, hence
/// `@unchecked Sendable`.
final class PhaseRuleIndex: @unchecked Sendable {
    /// What the candidate loop needs to know about one rule.
    struct Key {
        /// 0 phase_raw, 1 title, 2 source_type.
        var field: UInt8
        /// 0 prefix, 1 contains, 2 equals, 3 regex (asks the `PhaseRule`).
        var test: UInt8
        /// True when the rule is limited to sources or languages.
        var scoped: Bool
        /// The rule's values: `valueStart[firstValue ..< firstValue + valueCount]`.
        var firstValue: Int32
        var valueCount: Int32
    }

    let keys: UnsafeMutablePointer<Key>
    /// Per rule, the set of its values' first bytes (256 bits in four words): a prefix or equals
    /// rule cannot match text starting with another byte.
    let firstBytes: UnsafeMutablePointer<UInt64>
    /// Byte offsets of each value in `valueBytes` (one more entry than values).
    let valueStart: UnsafeMutablePointer<Int32>
    let valueBytes: UnsafeMutablePointer<UInt8>
    /// Lowercased jurisdictions with their own candidate list (list `j` for `jurisdictions[j]`);
    /// the last list holds the unscoped rules.
    let jurisdictions: [String]
    /// Candidate rule indices of list `j`: `candidates[candidateStart[j] ..< candidateStart[j + 1]]`.
    let candidateStart: UnsafeMutablePointer<Int32>
    let candidates: UnsafeMutablePointer<Int32>
    /// `jurisdictions` as keys, when every one has a key.
    let jurisdictionKeys: [ShortKey]?
    /// Each rule's source and language scopes as keys (see `Scope`), when every scope value has a key.
    let scopes: UnsafeMutablePointer<Scope>?
    let scopeKeys: UnsafeMutablePointer<ShortKey>
    /// When no candidate list is longer than 64 rules: for list `j`, field `f` and the first byte
    /// `b` of the folded field (256 for an empty field), at `(j * 3 + f) * 257 + b`, the bit set of
    /// the list's positions whose rule reads that field and could match such text (a prefix or
    /// equals rule only text starting with one of its values' first bytes). Every other candidate
    /// would be passed over, so the loop visits only these.
    let firstByteMasks: UnsafeMutablePointer<UInt64>?

    /// A rule's source and language scope: `scopeKeys[sourceStart ..< languageStart]` and
    /// `scopeKeys[languageStart ..< end]`; a flag says whether the rule has the scope at all.
    struct Scope {
        var sourceStart: Int32
        var languageStart: Int32
        var end: Int32
        var hasSources: Bool
        var hasLanguages: Bool
    }

    init(rules: [PhaseRule]) {
        var keys: [Key] = []
        var starts: [Int32] = [0]
        var bytes: [UInt8] = []
        var firsts: [UInt64] = []
        for rule in rules {
            var set: [UInt64] = [0, 0, 0, 0]
            // Values are never empty (the loader refuses them): each has a first byte.
            for value in rule.values {
                guard let first = value.first else { preconditionFailure("PhaseRuleIndex: an empty rule value") }
                set[Int(first >> 6)] |= 1 << UInt64(first & 63)
            }
            firsts += set
            let field: UInt8 = switch rule.field {
            case .phaseRaw: 0
            case .title: 1
            case .sourceType: 2
            }
            let test: UInt8 = switch rule.test {
            case .prefix: 0
            case .contains: 1
            case .equals: 2
            case .regex: 3
            }
            keys.append(Key(field: field, test: test, scoped: rule.sources != nil || rule.languages != nil,
                            firstValue: Int32(starts.count - 1), valueCount: Int32(rule.values.count)))
            for value in rule.values {
                bytes += value
                starts.append(Int32(bytes.count))
            }
        }
        let names = Set(rules.flatMap { $0.jurisdictions ?? [] }).sorted()
        var candidateStart: [Int32] = [0]
        var candidates: [Int32] = []
        for name in names {
            candidates += rules.indices.filter { rules[$0].jurisdictions?.contains(name) ?? true }.map(Int32.init)
            candidateStart.append(Int32(candidates.count))
        }
        candidates += rules.indices.filter { rules[$0].jurisdictions == nil }.map(Int32.init)
        candidateStart.append(Int32(candidates.count))
        jurisdictions = names
        jurisdictionKeys = ShortKey.keys(names)
        var scopes: [Scope] = []
        var scopeKeys: [ShortKey] = []
        var keyed = true
        for rule in rules {
            let sourceStart = Int32(scopeKeys.count)
            let sources = ShortKey.keys(rule.sources?.sorted() ?? [])
            scopeKeys += sources ?? []
            let languageStart = Int32(scopeKeys.count)
            let languages = ShortKey.keys(rule.languages?.sorted() ?? [])
            scopeKeys += languages ?? []
            keyed = keyed && sources != nil && languages != nil
            scopes.append(Scope(sourceStart: sourceStart, languageStart: languageStart, end: Int32(scopeKeys.count),
                                hasSources: rule.sources != nil, hasLanguages: rule.languages != nil))
        }
        self.scopes = keyed ? .copying(scopes) : nil
        self.scopeKeys = .copying(scopeKeys)
        self.keys = .copying(keys)
        firstBytes = .copying(firsts)
        valueStart = .copying(starts)
        valueBytes = .copying(bytes)
        self.candidateStart = .copying(candidateStart)
        self.candidates = .copying(candidates)
        let lists = candidateStart.count - 1
        if (0..<lists).allSatisfy({ candidateStart[$0 + 1] - candidateStart[$0] <= 64 }) {
            var masks = [UInt64](repeating: 0, count: lists * 3 * 257)
            for list in 0..<lists {
                for position in 0..<Int(candidateStart[list + 1] - candidateStart[list]) {
                    let rule = Int(candidates[Int(candidateStart[list]) + position])
                    let key = keys[rule]
                    for byte in 0..<256 where key.test == 1 || key.test == 3 || firsts[rule * 4 + byte >> 6] & (1 << UInt64(byte & 63)) != 0 {
                        masks[(list * 3 + Int(key.field)) * 257 + byte] |= 1 << UInt64(position)
                    }
                }
            }
            firstByteMasks = .copying(masks)
        } else {
            firstByteMasks = nil
        }
    }

    deinit {
        keys.deallocate()
        firstBytes.deallocate()
        valueStart.deallocate()
        valueBytes.deallocate()
        candidateStart.deallocate()
        candidates.deallocate()
        scopes?.deallocate()
        firstByteMasks?.deallocate()
        scopeKeys.deallocate()
    }

    /// Whether rule `rule`'s source and language scope admit the item, from the keys of its
    /// lowercased source and language (a nil key for an absent value); nil when only the `String`
    /// comparison can tell (a value without a key).
    @inline(__always)
    func admits(rule: Int, source: String?, sourceKey: ShortKey?, language: String?, languageKey: ShortKey?) -> Bool? {
        guard let scopes else { return nil }
        let scope = scopes[rule]
        if scope.hasSources {
            guard source != nil else { return false }
            guard let sourceKey else { return nil }
            guard Self.contains(scopeKeys, Int(scope.sourceStart)..<Int(scope.languageStart), sourceKey) else { return false }
        }
        if scope.hasLanguages {
            guard language != nil else { return false }
            guard let languageKey else { return nil }
            guard Self.contains(scopeKeys, Int(scope.languageStart)..<Int(scope.end), languageKey) else { return false }
        }
        return true
    }

    @inline(__always)
    private static func contains(_ keys: UnsafeMutablePointer<ShortKey>, _ range: Range<Int>, _ key: ShortKey) -> Bool {
        for index in range where keys[index] == key { return true }
        return false
    }

    /// The candidate rules for a jurisdiction (matched as given, then lowercased), or the unscoped
    /// rules for none or an unknown one, and the list's number.
    func candidates(for jurisdiction: String?) -> (rules: UnsafeBufferPointer<Int32>, list: Int) {
        var list = jurisdictions.count
        if let jurisdiction, let jurisdictionKeys, let key = ShortKey(jurisdiction) {
            list = jurisdictionKeys.firstIndex(of: key) ?? list
        } else if let jurisdiction {
            if let found = jurisdictions.firstIndex(of: jurisdiction) {
                list = found
            } else {
                let lowered = jurisdiction.lowercased()
                list = jurisdictions.firstIndex(of: lowered) ?? list
            }
        }
        let start = Int(candidateStart[list])
        return (UnsafeBufferPointer(start: candidates + start, count: Int(candidateStart[list + 1]) - start), list)
    }

    /// The index of the first value of rule `rule` that matches the folded text by the rule's
    /// prefix, contains or equals test (not for regex rules).
    @inline(__always)
    func match(rule: Int, _ text: UnsafeBufferPointer<UInt8>) -> Int? {
        let key = keys[rule]
        guard let base = text.baseAddress else { return nil }
        // With first-byte masks the caller visits only rules the text's first byte admits.
        if firstByteMasks == nil, key.test != 1, let first = text.first {
            guard firstBytes[rule &* 4 &+ Int(first >> 6)] & (1 << UInt64(first & 63)) != 0 else { return nil }
        }
        for offset in 0..<Int(key.valueCount) {
            let value = Int(key.firstValue) + offset
            let start = Int(valueStart[value]), length = Int(valueStart[value + 1]) - start
            let pattern = valueBytes + start
            switch key.test {
            case 0:
                if length <= text.count && Self.equal(base, pattern, length) { return offset }
            case 2:
                if length == text.count && Self.equal(base, pattern, length) { return offset }
            default:
                guard length <= text.count else { continue }
                for position in 0...(text.count - length) where base[position] == pattern[0] && Self.equal(base + position, pattern, length) {
                    return offset
                }
            }
        }
        return nil
    }

    @inline(__always)
    private static func equal(_ text: UnsafePointer<UInt8>, _ pattern: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        var index = 0
        while index < length {
            if text[index] != pattern[index] { return false }
            index &+= 1
        }
        return true
    }
}
