#if canImport(Glibc)
import Glibc
#endif
/// Byte-level text helpers used on hot paths (no Foundation, no locale).
extension String {
    /// Whether the UTF-8 form contains `byte` (an ASCII character); cheaper than Foundation's search.
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        } ?? utf8.contains(byte)
    }

    /// Whether the UTF-8 form starts with `prefix`, compared byte by byte (String's own `hasPrefix`
    /// compares canonical equivalents, which no feed keyword needs and which costs far more).
    func startsWithBytes(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        return utf8.withContiguousStorageIfAvailable { bytes in
            bytes.count >= count && memcmp(bytes.baseAddress!, prefix.utf8Start, count) == 0
        } ?? utf8.starts(with: UnsafeBufferPointer(start: prefix.utf8Start, count: count))
    }

    /// Whether the UTF-8 form ends with `suffix`, compared byte by byte.
    func endsWithBytes(_ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        return utf8.withContiguousStorageIfAvailable { bytes in
            bytes.count >= count && memcmp(bytes.baseAddress! + (bytes.count - count), suffix.utf8Start, count) == 0
        } ?? utf8.reversed().starts(with: UnsafeBufferPointer(start: suffix.utf8Start, count: count).reversed())
    }

    /// Every occurrence of `target` replaced, compared byte by byte (no locale, no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        guard let first = needle.first, containsByte(first) else { return self }
        let bytes = Array(utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var replaced = false
        while index < bytes.count {
            if bytes[index] == first, index + needle.count <= bytes.count,
               bytes[index..<(index + needle.count)].elementsEqual(needle) {
                output.append(contentsOf: replacement.utf8)
                index += needle.count
                replaced = true
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return replaced ? String(decoding: output, as: UTF8.self) : self
    }
}

extension UInt8 {
    /// XML whitespace: space, tab, CR, LF.
    var isXMLSpace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes without leading and trailing XML whitespace.
    func trimmingXMLSpace() -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = count
        while start < end, self[start].isXMLSpace { start += 1 }
        while end > start, self[end - 1].isXMLSpace { end -= 1 }
        return UnsafeBufferPointer(rebasing: self[start..<end])
    }
}

extension String {
    /// The string without leading and trailing XML whitespace (space, tab, CR, LF).
    func trimmingWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { !$0.isXMLSpace }) else { return "" }
        let last = utf8.lastIndex(where: { !$0.isXMLSpace })!
        if first == utf8.startIndex && last == utf8.index(before: utf8.endIndex) { return self }
        return String(self[first...last])
    }
}

extension Substring {
    /// The substring as a string without leading and trailing XML whitespace.
    func trimmingWhitespaceSubstring() -> String { String(self).trimmingWhitespace() }
}

extension String {
    /// The string without the given characters at either end (e.g. quotes around a charset).
    func trimmingCharacters(in set: String) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return String(result)
    }
}
