/// Re-serializes (X)HTML fragments carried by feeds the way feedparser's HTML processor does, so
/// the same markup always reads the same: tag and attribute names lower-cased, attributes sorted
/// and double-quoted, void elements written `<br />`, comments and declarations dropped, character
/// references lower-cased (windows-1252 code points mapped), unknown entities escaped, and relative
/// URIs in link attributes resolved against the base. It does not sanitize.
enum HTMLRewriter {
    /// Attributes holding URIs, per feedparser's `_RelativeURIResolver`.
    private static let uriAttributes: Set<String> = [
        "action", "background", "cite", "codebase", "data", "href", "longdesc", "poster", "src", "usemap",
    ]
    /// SVG attributes whose camel case feedparser restores.
    private static let svgAttributes: [String: String] = [
        "baseprofile": "baseProfile", "viewbox": "viewBox", "preserveaspectratio": "preserveAspectRatio",
        "gradientunits": "gradientUnits", "gradienttransform": "gradientTransform", "patternunits": "patternUnits",
        "textlength": "textLength", "lengthadjust": "lengthAdjust", "stddeviation": "stdDeviation",
        "markerwidth": "markerWidth", "markerheight": "markerHeight", "refx": "refX", "refy": "refY",
        "spreadmethod": "spreadMethod", "startoffset": "startOffset", "keypoints": "keyPoints",
        "keysplines": "keySplines", "keytimes": "keyTimes", "attributename": "attributeName",
        "attributetype": "attributeType", "calcmode": "calcMode", "repeatcount": "repeatCount",
        "repeatdur": "repeatDur", "pathlength": "pathLength", "clippathunits": "clipPathUnits",
    ]
    private static let voidElements: Set<String> = [
        "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input", "isindex",
        "keygen", "link", "meta", "param", "source", "track", "wbr",
    ]

    static func normalize(_ html: String, base: String) -> String {
        guard html.containsByte(UInt8(ascii: "<")) || html.containsByte(UInt8(ascii: "&")) else { return html }
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 32)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                if let end = tag(bytes, at: index, base: base, into: &output) {
                    index = end
                } else {
                    output.append(contentsOf: Array("&lt;".utf8))
                    index += 1
                }
            } else if byte == UInt8(ascii: "&") {
                index = reference(bytes, at: index, into: &output)
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Writes the tag at `start`; returns the index after it, or nil when `<` does not open a tag.
    private static func tag(_ bytes: [UInt8], at start: Int, base: String, into output: inout [UInt8]) -> Int? {
        var cursor = start + 1
        guard cursor < bytes.count else { return nil }
        if bytes[cursor] == UInt8(ascii: "!") {
            if bytes[cursor...].starts(with: Array("!--".utf8)) {
                guard let close = find(Array("-->".utf8), in: bytes, from: cursor + 3) else { return nil }
                return close + 3
            }
            guard cursor + 1 < bytes.count, isLetter(bytes[cursor + 1]) else { return nil }
            guard let close = bytes[cursor...].firstIndex(of: UInt8(ascii: ">")) else {
                // "<!DOCTYPE" with nothing after it is text, kept as written.
                output.append(contentsOf: bytes[start...])
                return bytes.count
            }
            return close + 1
        }
        if bytes[cursor] == UInt8(ascii: "?") {
            guard let close = bytes[cursor...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            return close + 1
        }
        let closing = bytes[cursor] == UInt8(ascii: "/")
        if closing { cursor += 1 }
        guard cursor < bytes.count, isLetter(bytes[cursor]) else { return nil }
        let nameStart = cursor
        while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
        let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
        var attributes: [(String, String)] = []
        while cursor < bytes.count && bytes[cursor] != UInt8(ascii: ">") {
            if bytes[cursor].isXMLSpace || bytes[cursor] == UInt8(ascii: "/") {
                cursor += 1
                continue
            }
            let attributeStart = cursor
            while cursor < bytes.count, !bytes[cursor].isXMLSpace, bytes[cursor] != UInt8(ascii: "="),
                  bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
            let attribute = String(decoding: bytes[attributeStart..<cursor], as: UTF8.self).lowercased()
            while cursor < bytes.count, bytes[cursor].isXMLSpace { cursor += 1 }
            var value = attribute
            if cursor < bytes.count && bytes[cursor] == UInt8(ascii: "=") {
                cursor += 1
                while cursor < bytes.count, bytes[cursor].isXMLSpace { cursor += 1 }
                guard cursor < bytes.count else { return nil }
                let quote = bytes[cursor]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    guard let close = bytes[(cursor + 1)...].firstIndex(of: quote) else { return nil }
                    value = String(decoding: bytes[(cursor + 1)..<close], as: UTF8.self)
                    cursor = close + 1
                } else {
                    let valueStart = cursor
                    while cursor < bytes.count, !bytes[cursor].isXMLSpace, bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
                    value = String(decoding: bytes[valueStart..<cursor], as: UTF8.self)
                }
            }
            if !attribute.isEmpty { attributes.append((attribute, value)) }
        }
        guard cursor < bytes.count else { return nil }
        if closing {
            if !voidElements.contains(name) { output.append(contentsOf: Array("</\(name)>".utf8)) }
            return cursor + 1
        }
        if name == "svg" || name == "math", !attributes.contains(where: { $0.0 == "xmlns" }) {
            attributes.append(("xmlns", name == "svg" ? "http://www.w3.org/2000/svg" : "http://www.w3.org/1998/Math/MathML"))
        }
        if attributes.contains(where: { $0.0.hasPrefix("xlink:") }), !attributes.contains(where: { $0.0 == "xmlns:xlink" }) {
            attributes.append(("xmlns:xlink", "http://www.w3.org/1999/xlink"))
        }
        var unique: [String: String] = [:]
        for (rawKey, value) in attributes {
            let key = svgAttributes[rawKey] ?? rawKey
            var value = (key == "rel" || key == "type") ? value.lowercased() : value
            if uriAttributes.contains(key) && !base.isEmpty { value = URIResolver.resolve(value, against: base) }
            unique[key] = value
        }
        var text = "<" + name
        for key in unique.keys.sorted() {
            text += " \(key)=\"" + escapeAttribute(unique[key]!) + "\""
        }
        text += voidElements.contains(name) ? " />" : ">"
        output.append(contentsOf: Array(text.utf8))
        return cursor + 1
    }

    private static func escapeAttribute(_ value: String) -> String {
        guard value.containsByte(UInt8(ascii: "\"")) || value.containsByte(UInt8(ascii: "<")) || value.containsByte(UInt8(ascii: ">")) else { return value }
        return value.replacingAll("\"", with: "&quot;").replacingAll("<", with: "&lt;").replacingAll(">", with: "&gt;")
    }

    /// Writes the reference at `start` (`&name;`, `&#…;`) normalized; returns the index after it.
    private static func reference(_ bytes: [UInt8], at start: Int, into output: inout [UInt8]) -> Int {
        var cursor = start + 1
        if cursor < bytes.count && bytes[cursor] == UInt8(ascii: "#") {
            cursor += 1
            let hex = cursor < bytes.count && (bytes[cursor] == UInt8(ascii: "x") || bytes[cursor] == UInt8(ascii: "X"))
            if hex { cursor += 1 }
            let digitsStart = cursor
            while cursor < bytes.count, isHexDigit(bytes[cursor]) { cursor += 1 }
            guard cursor > digitsStart, cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";") else {
                output.append(bytes[start])
                return start + 1
            }
            let digits = String(decoding: bytes[digitsStart..<cursor], as: UTF8.self).lowercased()
            let value = UInt32(digits, radix: hex ? 16 : 10)
            if let value, value >= 0x80, value <= 0x9F,
               let mapped = FeedText.translateCP1252(String(Character(Unicode.Scalar(value)!))).unicodeScalars.first,
               mapped.value != value {
                output.append(contentsOf: Array("&#x\(String(mapped.value, radix: 16));".utf8))
            } else {
                output.append(contentsOf: Array("&#\(hex ? "x" : "")\(digits);".utf8))
            }
            return cursor + 1
        }
        let nameStart = cursor
        while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
        let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self)
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";"), !name.isEmpty {
            if HTMLEntityTable.shared.names.contains(name) || CharacterReference.predefined[name] != nil {
                output.append(contentsOf: Array("&\(name);".utf8))
            } else {
                output.append(contentsOf: Array("&amp;\(name);".utf8))
            }
            return cursor + 1
        }
        output.append(contentsOf: Array("&amp;".utf8))
        return start + 1
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard start <= bytes.count - needle.count else { return nil }
        for index in start...(bytes.count - needle.count) where bytes[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }
}
