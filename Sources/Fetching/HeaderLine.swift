/// One raw response-header line as libcurl hands it to the header callback, read in place:
/// no `String` is built unless the line is one we keep.
struct HeaderLine {
    let bytes: UnsafeBufferPointer<UInt8>

    /// True for a status line (`HTTP/1.1 200 OK`), which starts the headers of a new response.
    var isStatusLine: Bool { Self.hasPrefix(bytes, "http/") }

    /// The value of this header if its name is `name` (lowercase ASCII), trimmed of blanks and CRLF.
    func value(ifNamed name: String) -> String? {
        let nameBytes = name.utf8
        guard bytes.count > nameBytes.count, bytes[nameBytes.count] == UInt8(ascii: ":"),
              Self.hasPrefix(bytes, name) else { return nil }
        var start = nameBytes.count + 1
        var end = bytes.count
        while start < end, Self.isBlank(bytes[start]) { start += 1 }
        while end > start, Self.isBlank(bytes[end - 1]) { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Whether `bytes` starts with `prefix` (lowercase ASCII), ignoring ASCII case.
    static func hasPrefix(_ bytes: some Collection<UInt8>, _ prefix: String) -> Bool {
        var index = bytes.startIndex
        for expected in prefix.utf8 {
            guard index != bytes.endIndex, lowercased(bytes[index]) == expected else { return false }
            index = bytes.index(after: index)
        }
        return true
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }
}
