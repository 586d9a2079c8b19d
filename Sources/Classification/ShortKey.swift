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
        let count = text.utf8.count
        guard count <= Self.maximumCount else { return nil }
        let packed: ShortKey?? = text.utf8.withContiguousStorageIfAvailable { ShortKey(utf8: $0) }
        guard let packed else {
            var copy = text
            guard let key = copy.withUTF8({ ShortKey(utf8: $0) }) else { return nil }
            self = key
            return
        }
        guard let packed else { return nil }
        self = packed
    }

    /// The key of lowercased ASCII bytes, or nil.
    @inline(__always)
    init?(utf8: UnsafeBufferPointer<UInt8>) {
        guard utf8.count <= Self.maximumCount else { return nil }
        var words: (UInt64, UInt64, UInt64) = (0, 0, UInt64(utf8.count) << 56)
        for (index, byte) in utf8.enumerated() {
            guard byte < 0x80 else { return nil }
            let lowered = UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) << (8 * UInt64(index & 7))
            switch index >> 3 {
            case 0: words.0 |= lowered
            case 1: words.1 |= lowered
            default: words.2 |= lowered
            }
        }
        low = words.0
        middle = words.1
        high = words.2
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
