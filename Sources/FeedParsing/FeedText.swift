/// Text rules feedparser applies to element content, kept so peer test suites apply.
enum FeedText {
    /// Whether `type` is one that carries HTML markup (`text/html`, `application/xhtml+xml`).
    static func isHTMLType(_ type: String) -> Bool {
        type == "text/html" || type == "application/xhtml+xml"
    }

    /// What one pass over a text's UTF-8 finds: markup characters (`<`, `&`) and C1 controls
    /// (U+0080–U+009F, `0xC2 0x80…0x9F`), so rules that cannot apply are skipped.
    struct Traits {
        var hasMarkup = false
        var hasC1 = false

        init(_ text: String) {
            var copy = text
            self = copy.withUTF8 { Traits($0) }
        }

        /// Eight bytes at a time: a word without `<`, `&` or `0xC2` (SWAR test) is skipped whole.
        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            var markup = false, c1 = false
            let count = bytes.count
            guard let base = bytes.baseAddress else { return }
            @inline(__always) func hasByte(_ word: UInt64, _ value: UInt64) -> Bool {
                let x = word ^ (0x0101_0101_0101_0101 &* value)
                return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
            }
            var index = 0
            while index < count && !(markup && c1) {
                if index + 8 <= count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    if !hasByte(word, 0x3C) && !hasByte(word, 0x26) && !hasByte(word, 0xC2) {
                        index += 8
                        continue
                    }
                }
                let end = Swift.min(index + 8, count)
                while index < end {
                    let byte = base[index]
                    if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") { markup = true }
                    if byte == 0xC2, index + 1 < count, base[index + 1] >= 0x80, base[index + 1] <= 0x9F { c1 = true }
                    index += 1
                }
            }
            hasMarkup = markup
            hasC1 = c1
        }
    }

    /// Maps Atom's short content types to MIME types.
    static func mapContentType(_ type: String?) -> String {
        guard let type else { return "" }
        if type == "text/html" || type == "text/plain" || type == "application/xhtml+xml" { return type }
        let lowered = type.lowercased()
        switch lowered {
        case "text", "plain": return "text/plain"
        case "html": return "text/html"
        case "xhtml": return "application/xhtml+xml"
        default: return lowered
        }
    }

    /// feedparser's guess whether RSS text declared as plain is really HTML: it must have a close tag
    /// or an entity, and use only common HTML elements.
    static func looksLikeHTML(_ text: String) -> Bool {
        guard text.containsByte(UInt8(ascii: "<")) || text.containsByte(UInt8(ascii: "&")) else { return false }
        let bytes = Array(text.utf8)
        var hasCloseTag = false
        var hasEntity = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                var start = index + 1
                let closing = start < bytes.count && bytes[start] == UInt8(ascii: "/")
                if closing { start += 1 }
                var end = start
                while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
                if end > start {
                    let name = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
                    if !acceptableElements.contains(name) { return false }
                    if closing && end < bytes.count && bytes[end] == UInt8(ascii: ">") { hasCloseTag = true }
                }
            } else if byte == UInt8(ascii: "&") {
                var end = index + 1
                let numeric = end < bytes.count && bytes[end] == UInt8(ascii: "#")
                if numeric { end += 1 }
                let start = end
                while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
                if end > start, end < bytes.count, bytes[end] == UInt8(ascii: ";") {
                    if !numeric && HTMLEntityTable.shared.names.contains(String(decoding: bytes[start..<end], as: UTF8.self)) == false {
                        return false
                    }
                    hasEntity = true
                }
            }
            index += 1
        }
        return hasCloseTag || hasEntity
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    static let acceptableElements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote", "br",
        "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command", "datagrid", "datalist",
        "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "event-source", "fieldset",
        "figcaption", "figure", "footer", "font", "form", "header", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "img", "input", "ins", "keygen", "kbd", "label", "legend", "li", "m", "map", "menu", "meter", "multicol",
        "nav", "nextid", "ol", "output", "optgroup", "option", "p", "pre", "progress", "q", "s", "samp", "section",
        "select", "small", "sound", "source", "spacer", "span", "strike", "strong", "sub", "sup", "table", "tbody",
        "td", "textarea", "time", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "video", "noscript",
    ]

    /// Characters U+0080–U+009F mapped to what windows-1252 meant by those bytes.
    static func translateCP1252(_ text: String) -> String {
        // U+0080–U+009F are 0xC2 0x80…0x9F in UTF-8.
        let hasC1 = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.count > 1 else { return false }
            for index in 0..<(bytes.count - 1) where bytes[index] == 0xC2 && bytes[index + 1] >= 0x80 && bytes[index + 1] <= 0x9F {
                return true
            }
            return false
        } ?? text.unicodeScalars.contains(where: { $0.value >= 0x80 && $0.value <= 0x9F })
        guard hasC1 else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x80 && scalar.value <= 0x9F, let mapped = cp1252[scalar.value] {
                scalars.append(Unicode.Scalar(mapped)!)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    private static let cp1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// `?a=1&b;=2` back to `?a=1&b=2`: feedparser's fix for links mangled as entity references.
    static func unmangleLink(_ text: String) -> String {
        guard text.containsByte(UInt8(ascii: "&")), text.containsByte(UInt8(ascii: ";")) else { return text }
        var output = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[...amp]
            rest = rest[rest.index(after: amp)...]
            let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            if !name.isEmpty, rest.dropFirst(name.count).first == ";" {
                output += name
                rest = rest.dropFirst(name.count + 1)
            }
        }
        output += rest
        return output
    }

    /// Escapes text for inclusion in serialized XHTML.
    static func xmlEscape(_ text: String, quotes: Bool = false) -> String {
        guard text.contains(where: { $0 == "<" || $0 == ">" || $0 == "&" || (quotes && $0 == "\"") }) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\"" where quotes: output += "&quot;"
            default: output.append(character)
            }
        }
        return output
    }
}
