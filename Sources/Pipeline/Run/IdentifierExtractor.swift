import Foundation
import Storage

/// Finds official identifiers in an item's id, link, title and identifier field: ELI URIs, CELEX
/// numbers, EU procedure references, Državni zbor EPA numbers, SOP/EVA numbers and gazette citations.
enum IdentifierExtractor {
    private struct Pattern: @unchecked Sendable {
        let scheme: String
        let regex: NSRegularExpression
        let group: Int
    }

    // NSRegularExpression is immutable and thread-safe once built.
    private static let patterns: [Pattern] = [
        ("eli", #"(?:https?://[^\s"<>]*)?/eli/[A-Za-z0-9_\-/.]+?(?=[\s"<>]|/?$)"#, 0),
        ("celex", #"(?<![0-9A-Za-z])(?:CELEX[:%3A]*)?([0-9][0-9]{4}[A-Z]{1,2}[0-9]{4}(?:\([0-9]+\))?)(?![0-9])"#, 1),
        ("procedure", #"(?<![0-9])([0-9]{4}/[0-9]{4}\((?:COD|CNS|APP|NLE|INI|BUD|DEC|RSP|SYN|AVC|ACI)\))"#, 1),
        ("epa", #"\bEPA[:\s]*([0-9]{1,5}-(?:VIII|IX|X|XI|VII))\b"#, 1),
        ("sop", #"\bSOP[:\s]*([0-9]{4}-[0-9]{4}-[0-9]{4})\b"#, 1),
        ("eva", #"\bEVA[:\s]*([0-9]{4}-[0-9]{4}-[0-9]{4})\b"#, 1),
        ("citation", #"((?:Uradni list RS|Službeni glasnik RS|Službeni glasnik Republike Srpske|Службени гласник РС|Службени гласник Републике Српске|Official Journal of the European Union|OJ L)[,\s]*(?:št\.|br\.|бр\.|No|L)?\s*[0-9]+/[0-9]{2,4})"#, 1),
    ].map { Pattern(scheme: $0.0, regex: try! NSRegularExpression(pattern: $0.1, options: [.caseInsensitive]), group: $0.2) }

    /// Schemes whose values are compared in upper case (`32019R1020`, `0389-X`).
    private static let upperCaseSchemes: Set<String> = ["celex", "epa"]

    /// The schemes the patterns recognise, for checking a definition's `identifier_scheme`.
    static var knownSchemes: [String] { patterns.map(\.scheme) }

    /// `value` as stored under `scheme`.
    private static func normalized(_ value: String, scheme: String) -> String {
        upperCaseSchemes.contains(scheme) ? value.uppercased() : value
    }

    /// Identifiers found in the given texts, de-duplicated, in pattern order.
    /// An explicit identifier field with no recognisable pattern is kept under `explicitScheme` (the
    /// definition's `identifier_scheme`, else the source's id).
    static func identifiers(in texts: [String?], explicit: String?, explicitScheme: String) -> [ActIdentifier] {
        var found: [ActIdentifier] = []
        var seen = Set<ActIdentifier>()
        func add(_ identifier: ActIdentifier) {
            if seen.insert(identifier).inserted { found.append(identifier) }
        }
        let all = (texts + [explicit]).compactMap { $0 }
        for pattern in patterns {
            for text in all {
                let range = NSRange(text.startIndex..., in: text)
                for match in pattern.regex.matches(in: text, range: range) {
                    guard let matchRange = Range(match.range(at: pattern.group), in: text) else { continue }
                    var value = String(text[matchRange]).trimmingCharacters(in: .whitespaces)
                    if pattern.scheme == "eli", let eliRange = value.range(of: "/eli/") {
                        value = String(value[eliRange.lowerBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                    }
                    add(ActIdentifier(scheme: pattern.scheme, value: normalized(value, scheme: pattern.scheme)))
                }
            }
        }
        if let explicit = explicit?.trimmingCharacters(in: .whitespacesAndNewlines), !explicit.isEmpty,
           !found.contains(where: { explicit.localizedCaseInsensitiveContains($0.value) }) {
            add(ActIdentifier(scheme: explicitScheme, value: normalized(explicit, scheme: explicitScheme)))
        }
        return found
    }
}
