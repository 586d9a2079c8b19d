import TextFolding

/// The normalized title used to recognise one act across sources: folded (case, diacritics,
/// Cyrillic → Latin), without a leading procedural word ("Predlog", "Osnutek", "Nacrt", "Prijedlog",
/// "Proposal for a"), without parenthesised notes ("(EPA 1234-IX)", "(nujni postopek)") and
/// punctuation. "Zakon o spremembah in dopolnitvah Zakona o X" keeps its words, so it never
/// becomes "Zakon o X".
public enum TitleKey {
    static let leadingWords: [[String]] = [
        ["predlog"], ["osnutek"], ["nacrt"], ["prijedlog"], ["predlozi"], ["draft"],
        ["proposal", "for", "a"], ["proposal", "for", "an"], ["proposal", "for"],
    ]

    /// Genitive → nominative of act types after a procedural word (sl, sr, hr, bs).
    static let nominativeActTypes: [String: String] = [
        "zakona": "zakon", "zakonika": "zakonik", "odloka": "odlok", "uredbe": "uredba", "pravilnika": "pravilnik",
        "odluke": "odluka", "resolucije": "resolucija", "rezolucije": "rezolucija", "deklaracije": "deklaracija",
        "strategije": "strategija", "programa": "program", "statuta": "statut", "naredbe": "naredba",
    ]

    /// The key for a title.
    public static func of(_ title: String) -> String {
        var folded = TextFolding.folded(title)
        // Drop parenthesised and bracketed notes.
        var depth = 0
        folded = String(folded.unicodeScalars.filter { scalar in
            switch scalar {
            case "(", "[": depth += 1; return false
            case ")", "]": depth = max(depth - 1, 0); return false
            default: return depth == 0
            }
        }.map(Character.init))
        var words = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        for prefix in leadingWords where words.starts(with: prefix) && words.count > prefix.count {
            words.removeFirst(prefix.count)
            // "Predlog zakona o X" names "Zakon o X": the act type follows in the genitive.
            if let nominative = nominativeActTypes[words[0]] { words[0] = nominative }
            break
        }
        return words.joined(separator: " ")
    }
}
