/// One ordered rule of `phases.toml`: a test over one field of the item, limited to some
/// jurisdictions, sources or languages, that decides the phase.
struct PhaseRule: Sendable {
    /// The item field a rule reads.
    enum Field: String, Sendable, CaseIterable {
        case phaseRaw = "phase_raw", title, sourceType = "source_type"
    }

    /// How the folded field is compared with the rule's folded values.
    enum Test: Sendable {
        case prefix([String]), contains([String]), equals([String]), regex(String, PhaseRegex)
    }

    var name: String
    var phase: Phase
    var field: Field
    var test: Test
    var jurisdictions: Set<String>?
    var sources: Set<String>?
    var languages: Set<String>?

    /// True when the rule's scope admits the item.
    func applies(jurisdiction: String?, source: String?, language: String?) -> Bool {
        func admits(_ allowed: Set<String>?, _ value: String?) -> Bool {
            guard let allowed else { return true }
            guard let value else { return false }
            return allowed.contains(value.lowercased())
        }
        return admits(jurisdictions, jurisdiction) && admits(sources, source) && admits(languages, language)
    }

    /// The value of the test that matches the folded text, if any.
    func match(_ folded: String) -> String? {
        switch test {
        case .prefix(let values): values.first { folded.hasPrefix($0) }
        case .contains(let values): values.first { folded.contains($0) }
        case .equals(let values): values.first { folded == $0 }
        case .regex(let pattern, let regex): regex.matches(folded) ? pattern : nil
        }
    }

    /// The scope for `why`, e.g. "si, phase_raw".
    var scopeDescription: String {
        let scope = [jurisdictions, sources, languages].compactMap { $0?.sorted().joined(separator: "/") }
        return (scope.isEmpty ? ["any"] : scope).joined(separator: ", ") + ", " + field.rawValue
    }
}

/// A compiled regular expression over folded text.
struct PhaseRegex: @unchecked Sendable {
    // Regex values are immutable once built and only read for matching.
    private let regex: Regex<AnyRegexOutput>

    init(_ pattern: String) throws {
        regex = try Regex(pattern)
    }

    func matches(_ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }
}
