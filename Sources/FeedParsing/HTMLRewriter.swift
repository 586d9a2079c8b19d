/// Resolves relative URIs inside (X)HTML fragments carried by feeds, as feedparser does.
enum HTMLRewriter {
    /// Attributes holding URIs, per feedparser's `_RelativeURIResolver`.
    private static let uriAttributes: Set<String> = [
        "action", "background", "cite", "codebase", "data", "href", "longdesc", "poster", "src", "usemap",
    ]

    static func resolveRelativeURIs(_ html: String, base: String) -> String {
        guard !base.isEmpty, html.contains("<") else { return html }
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        var index = 0
        var changed = false
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<"), index + 1 < bytes.count, isLetter(bytes[index + 1]) else {
                output.append(byte)
                index += 1
                continue
            }
            // Inside a start tag: copy, rewriting URI attribute values.
            var cursor = index
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") {
                if isSpace(bytes[cursor]) {
                    output.append(bytes[cursor])
                    cursor += 1
                    let nameStart = cursor
                    while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
                    let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
                    output.append(contentsOf: bytes[nameStart..<cursor])
                    guard uriAttributes.contains(name), cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "=") else { continue }
                    output.append(bytes[cursor])
                    cursor += 1
                    let quote = bytes[cursor]
                    guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { continue }
                    let valueStart = cursor + 1
                    guard let valueEnd = bytes[valueStart...].firstIndex(of: quote) else { continue }
                    let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
                    let resolved = URIResolver.resolve(value, against: base)
                    if resolved != value { changed = true }
                    output.append(quote)
                    output.append(contentsOf: Array(resolved.utf8))
                    output.append(quote)
                    cursor = valueEnd + 1
                } else {
                    output.append(bytes[cursor])
                    cursor += 1
                }
            }
            index = cursor
        }
        return changed ? String(decoding: output, as: UTF8.self) : html
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_")
    }
}
