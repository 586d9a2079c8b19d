import TextFolding

/// The normalized title used to recognise one act across sources: folded (case, diacritics,
/// Cyrillic → Latin), without a leading procedural word ("Predlog", "Osnutek", "Nacrt", "Prijedlog",
/// "Proposal for a"), without parenthesised notes ("(EPA 1234-IX)", "(nujni postopek)") and
/// punctuation. "Zakon o spremembah in dopolnitvah Zakona o X" keeps its words, so it never
/// becomes "Zakon o X".
///
/// Works on the UTF-8 bytes of the folded title: folding leaves Latin and Cyrillic text as lowercase
/// ASCII, so only other scripts need a Unicode property lookup.
public enum TitleKey {
    static let leadingWords: [[[UInt8]]] = [
        ["predlog"], ["osnutek"], ["nacrt"], ["prijedlog"], ["predlozi"], ["draft"],
        ["proposal", "for", "a"], ["proposal", "for", "an"], ["proposal", "for"],
    ].map { $0.map { Array($0.utf8) } }

    /// Genitive → nominative of act types after a procedural word (sl, sr, hr, bs).
    static let nominativeActTypes: [[UInt8]: [UInt8]] = Dictionary(uniqueKeysWithValues: [
        "zakona": "zakon", "zakonika": "zakonik", "odloka": "odlok", "uredbe": "uredba", "pravilnika": "pravilnik",
        "odluke": "odluka", "resolucije": "resolucija", "rezolucije": "rezolucija", "deklaracije": "deklaracija",
        "strategije": "strategija", "programa": "program", "statuta": "statut", "naredbe": "naredba",
    ].map { (Array($0.key.utf8), Array($0.value.utf8)) })

    /// The key for a title.
    public static func of(_ title: String) -> String {
        String(decoding: key(folded: TextFolding.foldedBytes(title)), as: UTF8.self)
    }

    /// The key for a title already folded by ``TextFolding`` (its UTF-8 bytes), so a caller that
    /// also needs the folded text folds only once.
    static func key(folded: [UInt8]) -> [UInt8] {
        var words = self.words(folded)
        for prefix in leadingWords where words.count > prefix.count && words.starts(with: prefix) {
            words.removeFirst(prefix.count)
            // "Predlog zakona o X" names "Zakon o X": the act type follows in the genitive.
            if let nominative = nominativeActTypes[words[0]] { words[0] = nominative }
            break
        }
        var key: [UInt8] = []
        key.reserveCapacity(folded.count)
        for (offset, word) in words.enumerated() {
            if offset > 0 { key.append(0x20) }
            key.append(contentsOf: word)
        }
        return key
    }

    /// The words (runs of letters and digits) of folded text, with parenthesised and bracketed notes
    /// dropped. Brackets are removed rather than treated as separators, so "a(b)c" is the word "ac".
    private static func words(_ folded: [UInt8]) -> [[UInt8]] {
        var words: [[UInt8]] = []
        var word: [UInt8] = []
        var depth = 0
        folded.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "("), UInt8(ascii: "["):
                    depth += 1
                    index += 1
                    continue
                case UInt8(ascii: ")"), UInt8(ascii: "]"):
                    depth = max(depth - 1, 0)
                    index += 1
                    continue
                default: break
                }
                let length = byte < 0x80 ? 1 : sequenceLength(byte)
                defer { index += length }
                guard depth == 0 else { continue }
                let isWordPart: Bool
                if byte < 0x80 {
                    isWordPart = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                } else {
                    isWordPart = isLetterOrNumber(UnsafeBufferPointer(rebasing: bytes[index..<min(index + length, bytes.count)]))
                }
                if isWordPart {
                    word.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<min(index + length, bytes.count)]))
                } else if !word.isEmpty {
                    words.append(word)
                    word.removeAll(keepingCapacity: true)
                }
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    /// Letter or number, as `Character.isLetter || Character.isNumber` judges a scalar outside ASCII.
    private static func isLetterOrNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
