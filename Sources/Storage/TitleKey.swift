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
    /// also needs the folded text folds only once. Words are written straight into the key, one
    /// space apart; the leading procedural phrase is removed afterwards.
    static func key(folded: [UInt8]) -> [UInt8] {
        // Where the first few words start in `key` (enough for the longest leading phrase + 1).
        var starts: (Int, Int, Int, Int) = (0, 0, 0, 0)
        var wordCount = 0
        // The key is never longer than the folded text: a space is written only in place of at
        // least one separator byte.
        var key = [UInt8](unsafeUninitializedCapacity: folded.count) { output, written in
            written = 0
            var inWord = false
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
                        // Removed, not a separator: "a(b)c" is the word "ac".
                        depth = max(depth - 1, 0)
                        index += 1
                        continue
                    default: break
                    }
                    let length = byte < 0x80 ? 1 : min(sequenceLength(byte), bytes.count - index)
                    defer { index += length }
                    guard depth == 0 else { continue }
                    let isWordPart = byte < 0x80
                        ? (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                        : isLetterOrNumber(UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
                    guard isWordPart else {
                        inWord = false
                        continue
                    }
                    if !inWord {
                        inWord = true
                        if wordCount > 0 {
                            output[written] = 0x20
                            written += 1
                        }
                        switch wordCount {
                        case 0: starts.0 = written
                        case 1: starts.1 = written
                        case 2: starts.2 = written
                        case 3: starts.3 = written
                        default: break
                        }
                        wordCount += 1
                    }
                    for offset in 0..<length { output[written + offset] = bytes[index + offset] }
                    written += length
                }
            }
        }
        func wordStart(_ number: Int) -> Int {
            switch number {
            case 0: starts.0
            case 1: starts.1
            case 2: starts.2
            default: starts.3
            }
        }
        func word(_ number: Int) -> ArraySlice<UInt8> {
            key[wordStart(number)..<wordEnd(key, from: wordStart(number))]
        }
        for prefix in leadingWords where wordCount > prefix.count
            && prefix.indices.allSatisfy({ word($0).elementsEqual(prefix[$0]) }) {
            // Drop the procedural words and the space after them.
            key.removeSubrange(0..<wordStart(prefix.count))
            // "Predlog zakona o X" names "Zakon o X": the act type follows in the genitive.
            let firstEnd = wordEnd(key, from: 0)
            if let nominative = nominativeActTypes[Array(key[0..<firstEnd])] {
                key.replaceSubrange(0..<firstEnd, with: nominative)
            }
            break
        }
        return key
    }

    /// The end of the word starting at `start` in a key (the next space or the end).
    private static func wordEnd(_ key: [UInt8], from start: Int) -> Int {
        key[start...].firstIndex(of: 0x20) ?? key.count
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
