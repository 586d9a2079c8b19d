/// Text normalisation shared by classification, title keys and search: one pass over UTF-8, no
/// Foundation transforms.
///
/// `folded` gives lowercase ASCII for Latin and Serbian/Macedonian Cyrillic text: diacritics removed
/// (precomposed or combining), Cyrillic transliterated, typographic dashes and quotes made ASCII
/// ("druga obravnava – MDT", "Parliament’s"), runs of whitespace and control characters collapsed
/// to one space and trimmed. `đ` and `ђ` become `dj` (see `FoldTable` for every choice). Scripts outside Latin and
/// Cyrillic are lowercased and otherwise kept.
public enum TextFolding {
    /// The folded form of `text`: "Предлог закона о општинама" → "predlog zakona o opstinama",
    /// "Občina  Žalec" → "obcina zalec".
    public static func folded(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        fold(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The folded form of `text` as UTF-8 bytes (ASCII for Latin and Cyrillic input).
    public static func foldedBytes(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        fold(text, into: &bytes)
        return bytes
    }

    /// Appends the folded form of `text` to `output` (whitespace collapsed and trimmed within `text`).
    /// Reusing one buffer across calls avoids an allocation per string.
    public static func fold(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { fold(utf8: $0, into: &output) }
    }

    /// Appends the folded form of the UTF-8 bytes to `output`. Invalid sequences become spaces.
    public static func fold(utf8 input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumFoldedCount(utf8Count: input.count)) { buffer in
            let count = fold(utf8: input, into: buffer)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// The most bytes folding `utf8Count` bytes of UTF-8 can produce: the capacity to give
    /// `fold(utf8:into:)` (a scalar's lowercase form can take three scalars).
    @inlinable
    public static func maximumFoldedCount(utf8Count: Int) -> Int {
        utf8Count &* 6 &+ 8
    }

    /// Writes the folded form of the UTF-8 bytes to `output`, which must hold at least
    /// `maximumFoldedCount(utf8Count:)` bytes, and returns the number of bytes written. This is the
    /// allocation-free core the others use. Invalid sequences become spaces.
    public static func fold(utf8 input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        precondition(output.count >= maximumFoldedCount(utf8Count: input.count), "fold: output buffer too small")
        guard let out = output.baseAddress, let bytes = input.baseAddress else { return 0 }
        let table = FoldTable.raw.folded, ascii = FoldTable.raw.ascii, pairs = FoldTable.raw.letterPairs
        var writer = Writer(out: out)
        let count = input.count
        var index = 0
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                // ASCII: lowercase, whitespace (mapped to 0) collapsed; the rest of a run of
                // word bytes is copied without the spacing bookkeeping.
                let mapped = ascii[Int(lead)]
                index &+= 1
                writer.put(mapped)
                guard mapped != 0 else { continue }
                while true {
                    // Eight bytes at a time while they fold to themselves but for case.
                    while index &+ 8 <= count, let chunk = Self.plainChunk(bytes + index, end: bytes + count, ascii: ascii) {
                        UnsafeMutableRawPointer(writer.out + writer.written).storeBytes(of: chunk, as: UInt64.self)
                        writer.written &+= 8
                        index &+= 8
                    }
                    while index < count {
                        let next = bytes[index]
                        guard next < 0x80 else { break }
                        let folded = ascii[Int(next)]
                        guard folded != 0 else { break }
                        writer.out[writer.written] = folded
                        writer.written &+= 1
                        index &+= 1
                    }
                    // One space between two ASCII words: both copied here, the run goes on.
                    guard index &+ 1 < count, bytes[index] == 0x20, bytes[index &+ 1] < 0x80 else { break }
                    let after = ascii[Int(bytes[index &+ 1])]
                    guard after != 0 else { break }
                    writer.out[writer.written] = 0x20
                    writer.out[writer.written &+ 1] = after
                    writer.written &+= 2
                    index &+= 2
                }
                continue
            }
            var value: UInt32
            if lead & 0xE0 == 0xC0, index &+ 1 < count, bytes[index &+ 1] & 0xC0 == 0x80 {
                // Two bytes: Latin with diacritics, Greek, Cyrillic; always in the table.
                value = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[index &+ 1] & 0x3F)
                index &+= 2
                let packed = table[Int(value)]
                if packed != FoldTable.unmapped && value >= 0x80 && value != 0xA0 {
                    // No spaces in these foldings: store all (up to three) bytes at once,
                    // then the rest of a run of such letters (Cyrillic words) likewise.
                    writer.putPacked(packed)
                    guard writer.spacing == 1 else { continue }
                    while true {
                        while index &+ 1 < count {
                            // Both bytes in one load; `pairs` is 0 for all but plain letters.
                            let packed = Self.letterPair(bytes + index, pairs)
                            guard packed != 0 else { break }
                            UnsafeMutableRawPointer(writer.out + writer.written).storeBytes(of: (packed >> 8).littleEndian, as: UInt32.self)
                            writer.written &+= Int(packed & 0xFF)
                            index &+= 2
                        }
                        // One space between two such words: both written here, the run goes on.
                        guard index &+ 2 < count, bytes[index] == 0x20 else { break }
                        let packed = Self.letterPair(bytes + index + 1, pairs)
                        guard packed != 0 else { break }
                        writer.out[writer.written] = 0x20
                        UnsafeMutableRawPointer(writer.out + writer.written + 1).storeBytes(of: (packed >> 8).littleEndian, as: UInt32.self)
                        writer.written &+= 1 &+ Int(packed & 0xFF)
                        index &+= 3
                    }
                    continue
                }
            } else if let (decoded, length) = decode(input, at: index) {
                value = decoded
                index &+= length
            } else {
                writer.put(0)
                index &+= 1
                continue
            }
            if value < 0x800 {
                let packed = table[Int(value)]
                if packed != FoldTable.unmapped {
                    var rest = packed >> 8
                    var left = packed & 0xFF
                    while left > 0 {
                        let byte = UInt8(truncatingIfNeeded: rest)
                        writer.put(byte == 0x20 ? 0 : byte)
                        rest >>= 8
                        left &-= 1
                    }
                    continue
                }
            }
            if let punctuation = FoldTable.typographic(value) {
                writer.put(punctuation)
                continue
            }
            foldOther(value, into: &writer)
        }
        return writer.written
    }

    /// Scalars outside the tables (other scripts, symbols): whitespace, dropped nonspacing marks,
    /// or the Unicode lowercase mapping. Out of line, so the loop above needs no Unicode metadata.
    @inline(never)
    private static func foldOther(_ value: UInt32, into writer: inout Writer) {
        guard let scalar = Unicode.Scalar(value) else { return }
        let properties = scalar.properties
        if properties.isWhitespace {
            writer.put(0)
        } else if properties.generalCategory != .nonspacingMark {
            for byte in properties.lowercaseMapping.utf8 { writer.put(byte) }
        }
    }

    /// Writes folded bytes, collapsing whitespace (passed as 0) to one space between words and
    /// dropping it at both ends.
    private struct Writer {
        let out: UnsafeMutablePointer<UInt8>
        var written = 0
        /// 0: nothing written yet; 1: inside text; 2: a space is pending.
        var spacing = 0

        @inline(__always)
        mutating func put(_ byte: UInt8) {
            if byte == 0 {
                if spacing == 1 { spacing = 2 }
                return
            }
            if spacing == 2 {
                out[written] = 0x20
                written &+= 1
            }
            spacing = 1
            out[written] = byte
            written &+= 1
        }

        /// Writes a packed table entry (length in bits 0–7, up to three non-space bytes above) with
        /// one 4-byte store; the output buffer's slack covers the byte past the folding.
        @inline(__always)
        mutating func putPacked(_ packed: UInt32) {
            let length = Int(packed & 0xFF)
            guard length > 0 else { return }
            if spacing == 2 {
                out[written] = 0x20
                written &+= 1
            }
            spacing = 1
            UnsafeMutableRawPointer(out + written).storeBytes(of: (packed >> 8).littleEndian, as: UInt32.self)
            written &+= length
        }
    }

    /// Serbian and Macedonian Cyrillic transliterated to Latin with diacritics kept
    /// ("Ђурђевдан" → "Đurđevdan", "ЉУБАВ" → "LjUBAV"); all other text unchanged.
    public static func latinized(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x400...0x42F:
                let latin = FoldTable.cyrillicLatin[Int(value - 0x400)]
                if let first = latin.first {
                    output += first.uppercased()
                    output += latin.dropFirst()
                }
            case 0x430...0x44F:
                output += FoldTable.cyrillicLatin[Int(value - 0x430 + 0x10)]
            case 0x450...0x45F:
                output += FoldTable.cyrillicLatin[Int(value - 0x450)]
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// The eight bytes at `pointer` lowercased, when folding them needs nothing else: all ASCII,
    /// no control characters, whitespace only as single spaces, and a space as the last byte only
    /// when an ASCII byte that folds to itself but for case follows before `end` (so the writer's
    /// spacing state stays "inside text"). Nil otherwise. Call only inside text.
    @inline(__always)
    static func plainChunk(_ pointer: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, ascii: UnsafePointer<UInt8>) -> UInt64? {
        let x = UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        guard x & high == 0 else { return nil }
        // Per byte (all below 0x80, so no carry crosses bytes): below 0x20, or 0x7F.
        let control = (~(x &+ 0x60 &* ones) | (x &+ ones)) & high
        let spaceBytes = x ^ (0x20 &* ones)
        let space = ~((spaceBytes &+ 0x7F &* ones) | spaceBytes) & high
        guard control == 0, space & (space << 8) == 0 else { return nil }
        if space >> 63 != 0 {
            // The next byte is written next and must keep the text going.
            guard pointer + 8 < end, pointer[8] < 0x80, ascii[Int(pointer[8])] != 0 else { return nil }
        }
        return asciiLowercased(x).littleEndian
    }

    /// Eight ASCII bytes (each below 0x80, so no carry crosses bytes) with A…Z lowercased.
    @inlinable @inline(__always)
    public static func asciiLowercased(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let upper = (x &+ 0x3F &* ones) & ~(x &+ 0x25 &* ones) & high
        return x | (upper >> 2)
    }

    /// The `letterPairs` entry of the two-byte sequence at `pointer`, or 0 when it is none (not a
    /// two-byte sequence, or not a plain letter). Reads two bytes.
    @inline(__always)
    static func letterPair(_ pointer: UnsafePointer<UInt8>, _ pairs: UnsafePointer<UInt32>) -> UInt32 {
        let pair = UInt32(UInt16(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt16.self)))
        guard pair & 0xC0E0 == 0x80C0 else { return 0 }
        return pairs[Int(((pair & 0x1F) << 6) | ((pair >> 8) & 0x3F))]
    }

    /// Decodes the multi-byte UTF-8 sequence at `index`; nil for a malformed one.
    @inline(__always)
    static func decode(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        let lead = input[index]
        let count = input.count
        if lead & 0xE0 == 0xC0, index + 1 < count {
            let b1 = input[index + 1]
            guard b1 & 0xC0 == 0x80 else { return nil }
            return ((UInt32(lead & 0x1F) << 6) | UInt32(b1 & 0x3F), 2)
        }
        if lead & 0xF0 == 0xE0, index + 2 < count {
            let b1 = input[index + 1], b2 = input[index + 2]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return nil }
            return ((UInt32(lead & 0x0F) << 12) | (UInt32(b1 & 0x3F) << 6) | UInt32(b2 & 0x3F), 3)
        }
        if lead & 0xF8 == 0xF0, index + 3 < count {
            let b1 = input[index + 1], b2 = input[index + 2], b3 = input[index + 3]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return nil }
            return ((UInt32(lead & 0x07) << 18) | (UInt32(b1 & 0x3F) << 12) | (UInt32(b2 & 0x3F) << 6) | UInt32(b3 & 0x3F), 4)
        }
        return nil
    }
}
