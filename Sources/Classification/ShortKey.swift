import TextFolding

/// A short ASCII string lowercased and packed into three words, so the hot path compares
/// jurisdictions, languages and source ids without `String` operations, hashing or allocation.
///
/// Only ASCII strings of at most 23 bytes have a key; for them, equal keys mean equal lowercased
/// strings. Callers fall back to `String` comparison when a key is missing on either side.
struct ShortKey: Equatable {
    var low: UInt64 = 0
    var middle: UInt64 = 0
    /// Bytes 16…22 and the length in the top byte.
    var high: UInt64 = 0

    /// The longest string with a key.
    static var maximumCount: Int { 23 }

    /// The key of the lowercased `text`, or nil when it is longer than 23 bytes or not ASCII.
    @inline(__always)
    init?(_ text: String) {
        var key: ShortKey?
        if text.utf8.withContiguousStorageIfAvailable({ key = ShortKey(utf8: $0) }) == nil {
            var copy = text
            copy.withUTF8 { key = ShortKey(utf8: $0) }
        }
        guard let key else { return nil }
        self = key
    }

    /// The key of lowercased ASCII bytes, or nil.
    @inline(__always)
    init?(utf8: UnsafeBufferPointer<UInt8>) {
        guard utf8.count <= Self.maximumCount else { return nil }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(utf8)) }
        let topBits: UInt64 = 0x8080_8080_8080_8080
        guard (words.0 | words.1 | words.2) & topBits == 0 else { return nil }
        low = TextFolding.asciiLowercased(UInt64(littleEndian: words.0))
        middle = TextFolding.asciiLowercased(UInt64(littleEndian: words.1))
        high = TextFolding.asciiLowercased(UInt64(littleEndian: words.2)) | UInt64(utf8.count) << 56
    }

    /// Keys for `names`, or nil when one of them has none (the fast path is then never taken, so a
    /// non-ASCII name keeps its `String` semantics).
    static func keys<Names: Sequence<String>>(_ names: Names) -> [ShortKey]? {
        var keys: [ShortKey] = []
        for name in names {
            guard let key = ShortKey(name) else { return nil }
            keys.append(key)
        }
        return keys
    }
}
