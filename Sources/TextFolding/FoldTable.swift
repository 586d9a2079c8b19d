/// The per-scalar mappings behind `TextFolding`, for every scalar below U+0800 (Latin, Latin-1,
/// Latin Extended-A/B, combining marks, Greek, Cyrillic). Built once; the hot path only indexes it.
///
/// Choices: `đ`/`Đ` and Cyrillic `ђ` fold to `dj` (the Serbian Latin ASCII convention, so "Đurđevdan",
/// "Djurdjevdan" and "Ђурђевдан" fold alike); `ћ` folds to `c` like `ć`; `џ` to `dz`; `ж`, `ш`, `ч`
/// to `z`, `s`, `c`; Macedonian `ѓ`, `ќ`, `ѕ` to `gj`, `kj`, `dz`.
enum FoldTable {
    /// Packed folding of one scalar: bits 0–7 hold the output length (0…3), bits 8–31 up to three
    /// ASCII bytes. `unmapped` marks a scalar the table does not cover (see `TextFolding`).
    static let folded: [UInt32] = build()

    /// ASCII bytes folded: uppercase to lowercase, whitespace and control characters to 0 (the
    /// writer's "space here" marker), everything else unchanged.
    static let ascii: [UInt8] = (0..<128).map { byte -> UInt8 in
        switch byte {
        case 0x41...0x5A: UInt8(byte + 0x20)
        case 0...0x20, 0x7F: 0
        default: UInt8(byte)
        }
    }

    /// For every two-byte scalar (U+0080…U+07FF) that folds to one or more letters with nothing
    /// else to decide, its `folded` entry; 0 for the others (no-break space, marks, unmapped).
    static let letterPairs: [UInt32] = (0..<0x800).map { value -> UInt32 in
        let packed = folded[value]
        return value < 0x80 || value == 0xA0 || packed == unmapped || packed & 0xFF == 0 ? 0 : packed
    }

    /// The tables above in raw memory, for the folding loop: built once, never written or freed.
    nonisolated(unsafe) static let raw: (folded: UnsafePointer<UInt32>, ascii: UnsafePointer<UInt8>, letterPairs: UnsafePointer<UInt32>) = (
        copy(folded), copy(ascii), copy(letterPairs)
    )

    private static func copy<Element>(_ array: [Element]) -> UnsafePointer<Element> {
        let memory = UnsafeMutablePointer<Element>.allocate(capacity: array.count)
        memory.initialize(from: array, count: array.count)
        return UnsafePointer(memory)
    }

    /// The marker for scalars outside the table.
    static let unmapped: UInt32 = 0xFF

    /// Lowercase Latin spelling of Serbian/Macedonian Cyrillic with diacritics kept, indexed by
    /// `scalar - 0x400` for U+0400…U+045F (lowercase letters; uppercase is derived).
    static let cyrillicLatin: [String] = [
        // U+0400…U+040F: Ѐ Ё Ђ Ѓ Є Ѕ І Ї Ј Љ Њ Ћ Ќ Ѝ Ў Џ (as lowercase)
        "è", "ë", "đ", "ǵ", "je", "dz", "i", "ji", "j", "lj", "nj", "ć", "ḱ", "ì", "ŭ", "dž",
        // U+0410…U+042F: А … Я (as lowercase)
        "a", "b", "v", "g", "d", "e", "ž", "z", "i", "j", "k", "l", "m", "n", "o", "p",
        "r", "s", "t", "u", "f", "h", "c", "č", "š", "šč", "", "y", "", "e", "ju", "ja",
    ]

    /// ASCII folding of U+0400…U+042F (the lowercase forms map to the same entries).
    static let cyrillicFolded: [String] = [
        "e", "e", "dj", "gj", "je", "dz", "i", "ji", "j", "lj", "nj", "c", "kj", "i", "u", "dz",
        "a", "b", "v", "g", "d", "e", "z", "z", "i", "j", "k", "l", "m", "n", "o", "p",
        "r", "s", "t", "u", "f", "h", "c", "c", "s", "sc", "", "y", "", "e", "ju", "ja",
    ]

    /// ASCII folding of U+00C0…U+017F (Latin-1 Supplement letters and Latin Extended-A).
    static let latinFolded: [String] = [
        // U+00C0…U+00FF
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "dj", "n", "o", "o", "o", "o", "o", "×", "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "dj", "n", "o", "o", "o", "o", "o", "÷", "o", "u", "u", "u", "u", "y", "th", "y",
        // U+0100…U+017F
        "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
        "dj", "dj", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
        "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
        "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
        "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
        "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
        "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
        "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
    ]

    /// Latin Extended-B letters met in the region's text (digraphs, Romanian comma-below letters).
    static let latinExtendedB: [UInt32: String] = [
        0x1C4: "dz", 0x1C5: "dz", 0x1C6: "dz", 0x1C7: "lj", 0x1C8: "lj", 0x1C9: "lj",
        0x1CA: "nj", 0x1CB: "nj", 0x1CC: "nj", 0x218: "s", 0x219: "s", 0x21A: "t", 0x21B: "t",
        0x180: "b", 0x188: "c", 0x192: "f", 0x1A1: "o", 0x1B0: "u", 0x1E7: "g", 0x1F5: "g",
    ]

    /// ASCII for typographic punctuation: dashes to "-", single quotes and apostrophes to "'",
    /// double quotes to `"`, bullets and ellipses to "."; nil for anything else. Without this a word
    /// opened by „ or « would start with non-ASCII bytes and no term could match it.
    @inline(__always)
    static func typographic(_ value: UInt32) -> UInt8? {
        switch value {
        case 0x2010...0x2015, 0x2212: 0x2D
        case 0x2018...0x201B, 0x2032: 0x27
        case 0x201C...0x201F, 0x2033: 0x22
        case 0x2039, 0x203A: 0x27
        case 0x2022, 0x2026: 0x2E
        default: nil
        }
    }

    /// The ASCII folding of one scalar below U+0800, or nil when the table leaves it to the fallback.
    static func asciiFolding(_ value: UInt32) -> String? {
        switch value {
        case 0x41...0x5A: return String(UnicodeScalar(UInt8(value + 0x20)))
        case 0..<0x80: return String(UnicodeScalar(UInt8(value)))
        case 0xA0: return " "
        case 0xAB, 0xBB: return "\""  // « »
        case 0xB7: return "."
        case 0xC0...0x17F:
            let mapped = latinFolded[Int(value - 0xC0)]
            return mapped.utf8.allSatisfy({ $0 < 0x80 }) ? mapped : nil
        case 0x300...0x36F: return ""  // combining marks: diacritics of decomposed text
        case 0x400...0x42F: return cyrillicFolded[Int(value - 0x400)]
        case 0x430...0x44F: return cyrillicFolded[Int(value - 0x430 + 0x10)]
        case 0x450...0x45F: return cyrillicFolded[Int(value - 0x450)]
        default: return latinExtendedB[value]
        }
    }

    private static func build() -> [UInt32] {
        var table = [UInt32](repeating: unmapped, count: 0x800)
        for value in 0..<UInt32(0x800) {
            guard let mapped = asciiFolding(value), mapped.utf8.count <= 3 else { continue }
            var packed = UInt32(mapped.utf8.count)
            for (index, byte) in mapped.utf8.enumerated() { packed |= UInt32(byte) << (8 * UInt32(index + 1)) }
            table[Int(value)] = packed
        }
        return table
    }
}
