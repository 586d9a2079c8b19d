#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One ordered rule of `phases.toml`: a test over one field of the item, limited to some
/// jurisdictions, sources or languages, that decides the phase. Immutable once loaded.
final class PhaseRule: Sendable {
    /// The item field a rule reads.
    enum Field: String, Sendable, CaseIterable {
        case phaseRaw = "phase_raw", title, sourceType = "source_type"
    }

    /// How the folded field is compared with the rule's folded values.
    enum Test: Sendable {
        case prefix, contains, equals
        case regex(PhaseRegex)

        var isRegex: Bool {
            if case .regex = self { return true }
            return false
        }
    }

    let name: String?
    let phase: Phase
    let field: Field
    let test: Test
    /// Folded values (one pattern for a regex rule).
    let values: [[UInt8]]
    let jurisdictions: Set<String>?
    let sources: Set<String>?
    let languages: Set<String>?
    /// The `why` line for each value, built once.
    let whyLines: [String]
    /// The name shown for the rule: its own or its first value.
    let displayName: String

    init(name: String?, phase: Phase, field: Field, test: Test, values: [String], jurisdictions: Set<String>?,
         sources: Set<String>?, languages: Set<String>?) {
        self.name = name
        self.phase = phase
        self.field = field
        self.test = test
        self.values = values.map { Array($0.utf8) }
        self.jurisdictions = jurisdictions
        self.sources = sources
        self.languages = languages
        let scope = [jurisdictions, sources, languages].compactMap { $0?.sorted().joined(separator: "/") }
        let scopeText = (scope.isEmpty ? ["any"] : scope).joined(separator: ", ") + ", " + field.rawValue
        whyLines = values.map { "phase: rule \"\(name ?? $0)\" (\(scopeText))" }
        displayName = name ?? values.first ?? ""
    }


    /// True when the rule's source and language scope admit the item (values lowercased).
    func admits(source: String?, language: String?) -> Bool {
        if let sources, !(source.map(sources.contains) ?? false) { return false }
        if let languages, !(language.map(languages.contains) ?? false) { return false }
        return true
    }

    /// The index of the value that matches the folded text, if any.
    func match(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        switch test {
        case .prefix: return values.firstIndex { Self.equal(text, at: 0, $0) }
        case .equals: return values.firstIndex { $0.count == text.count && Self.equal(text, at: 0, $0) }
        case .contains: return values.firstIndex { Self.contains(text, $0) }
        case .regex(let regex): return regex.matches(String(decoding: text, as: UTF8.self)) ? 0 : nil
        }
    }

    /// True when `value` occurs in `text` at `offset`.
    private static func equal(_ text: UnsafeBufferPointer<UInt8>, at offset: Int, _ value: [UInt8]) -> Bool {
        guard offset + value.count <= text.count, let base = text.baseAddress else { return value.isEmpty }
        return value.withUnsafeBufferPointer { value in
            guard let pattern = value.baseAddress else { return true }
            return memcmp(base + offset, pattern, value.count) == 0
        }
    }

    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ value: [UInt8]) -> Bool {
        guard let first = value.first, value.count <= text.count else { return value.isEmpty }
        for start in 0...(text.count - value.count) where text[start] == first && equal(text, at: start, value) {
            return true
        }
        return false
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
