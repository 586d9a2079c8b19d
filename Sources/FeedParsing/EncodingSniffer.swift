/// Decides a document's character encoding with RFC 7303's precedence — byte order mark, then the
/// HTTP `Content-Type` charset, then the XML declaration — and notices mislabelled documents.
struct EncodingDecision: Equatable {
    /// The encoding to decode with, as libxml2/iconv names it (e.g. `UTF-8`, `windows-1250`).
    var name: String
    /// The name reported in `encoding` (lower-case, feedparser's spelling).
    var reported: String
    /// Bytes to skip (a byte order mark).
    var bomLength: Int
    /// Set when the document was not what it said it was; becomes `bozo_exception`.
    var bozoMessage: String?
    /// Disagreements worth logging.
    var warnings: [String]
}

enum EncodingSniffer {
    /// - Parameter complete: false when `bytes` is only the head of the document (a multi-byte
    ///   sequence cut at its end is then not an error).
    static func decide(_ bytes: [UInt8], contentType: String?, defaultEncoding: String?, complete: Bool = true) -> EncodingDecision {
        let validUTF8 = isValidUTF8(bytes, allowTruncatedEnd: !complete)
        var warnings: [String] = []
        var bozo: String?
        let http = contentType.flatMap(charset(inContentType:))
        let declared = declaredEncoding(bytes)
        let (bomName, bomLength) = byteOrderMark(bytes)

        if let mime = contentType.map(mediaType), !mime.isEmpty, !isXMLMediaType(mime) {
            bozo = "the document was served as \(mime), not as XML"
        }
        var chosen: String
        if let bomName {
            chosen = bomName
            if let http, normalize(http) != normalize(bomName), !(bomName.hasPrefix("UTF-16") && normalize(http) == "utf-16") {
                warnings.append("byte order mark says \(bomName) but Content-Type says \(http); using \(bomName)")
            }
        } else if let http {
            chosen = http
            if let declared, normalize(declared) != normalize(http) {
                warnings.append("Content-Type says \(http) but the XML declaration says \(declared); using \(http)")
            }
        } else if let sniffed = sniffWithoutBOM(bytes) {
            chosen = sniffed
        } else if let declared {
            chosen = declared
        } else {
            chosen = "UTF-8"
            if !validUTF8 {
                if let defaultEncoding {
                    chosen = defaultEncoding
                } else {
                    chosen = "windows-1250"
                    bozo = bozo ?? "the document has no declared encoding and is not UTF-8; read as windows-1250"
                }
            }
        }
        var normalized = normalize(chosen)
        if normalized == "utf-16" || normalized == "utf-32" {
            // No BOM: a UTF-16/32 declaration means big-endian unless the bytes say otherwise.
            chosen = sniffWithoutBOM(bytes) ?? (normalized == "utf-16" ? "UTF-16BE" : "UTF-32BE")
            normalized = normalize(chosen)
        }
        if normalized == "utf-8" && bomName == nil && !validUTF8 {
            let fallback = defaultEncoding.flatMap { normalize($0) == "utf-8" ? nil : $0 } ?? "windows-1250"
            bozo = bozo ?? "the document is declared as UTF-8 but is not; read as \(fallback)"
            chosen = fallback
            normalized = normalize(chosen)
        }
        if bomName == nil, validUTF8, isSingleByte(normalized), bytes.contains(where: { $0 >= 0x80 }) {
            // Multi-byte UTF-8 sequences are vanishingly unlikely in real single-byte text: the label is wrong.
            bozo = bozo ?? "the document is labelled \(chosen) but is UTF-8; read as UTF-8"
            chosen = "UTF-8"
            normalized = "utf-8"
        }
        if normalized == "gb2312" { chosen = "GB18030"; normalized = "gb18030" }
        var reported = normalized
        if http == nil && bomName == nil,
           let mime = contentType.map(mediaType), mime.hasPrefix("text/"), bytes.allSatisfy({ $0 < 0x80 }) {
            // RFC 3023: text/* without a charset is US-ASCII (and the bytes agree).
            reported = "us-ascii"
        }
        return EncodingDecision(name: chosen, reported: reported, bomLength: bomLength, bozoMessage: bozo, warnings: warnings)
    }

    /// Whether an encoding is one of the single-byte Latin/Cyrillic tables UTF-8 gets mislabelled as.
    static func isSingleByte(_ normalized: String) -> Bool {
        normalized.hasPrefix("iso-8859-") || normalized.hasPrefix("windows-125") || normalized == "us-ascii"
            || normalized == "koi8-r" || normalized == "koi8-u"
    }

    static func normalize(_ name: String) -> String {
        let lowered = name.lowercased().trimmingWhitespace()
        switch lowered {
        case "utf8": return "utf-8"
        case "latin1", "latin-1", "iso8859-1", "iso_8859-1": return "iso-8859-1"
        case "latin2", "iso8859-2", "iso_8859-2": return "iso-8859-2"
        case "cp1250": return "windows-1250"
        case "cp1251": return "windows-1251"
        case "cp1252": return "windows-1252"
        case "ascii": return "us-ascii"
        default: return lowered
        }
    }

    static func mediaType(_ contentType: String) -> String {
        String(contentType.split(separator: ";", maxSplits: 1).first ?? "").trimmingWhitespace().lowercased()
    }

    static func isXMLMediaType(_ mime: String) -> Bool {
        mime.hasSuffix("/xml") || mime.hasSuffix("+xml") || mime == "application/xml-dtd"
            || mime.hasSuffix("xml-external-parsed-entity") || mime == "application/octet-stream"
    }

    /// The `charset` parameter of a Content-Type value, unquoted.
    static func charset(inContentType value: String) -> String? {
        for parameter in value.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingWhitespaceSubstring().lowercased() == "charset" else { continue }
            var charset = String(parts[1]).trimmingWhitespace()
            charset = charset.trimmingCharacters(in: "\"'")
            return charset.isEmpty ? nil : charset
        }
        return nil
    }

    static func byteOrderMark(_ b: [UInt8]) -> (String?, Int) {
        if b.count >= 4 && b[0] == 0x00 && b[1] == 0x00 && b[2] == 0xFE && b[3] == 0xFF { return ("UTF-32BE", 4) }
        if b.count >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0x00 && b[3] == 0x00 { return ("UTF-32LE", 4) }
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { return ("UTF-8", 3) }
        if b.count >= 2 && b[0] == 0xFE && b[1] == 0xFF { return ("UTF-16BE", 2) }
        if b.count >= 2 && b[0] == 0xFF && b[1] == 0xFE { return ("UTF-16LE", 2) }
        return (nil, 0)
    }

    /// UTF-16/32 recognised from how `<` is laid out in the first four bytes.
    static func sniffWithoutBOM(_ b: [UInt8]) -> String? {
        guard b.count >= 4 else { return nil }
        switch (b[0], b[1], b[2], b[3]) {
        case (0, 0, 0, 0x3C): return "UTF-32BE"
        case (0x3C, 0, 0, 0): return "UTF-32LE"
        case (0, 0x3C, 0, _): return "UTF-16BE"
        case (0x3C, 0, _, 0): return "UTF-16LE"
        default: return nil
        }
    }

    /// The `encoding` pseudo-attribute of the XML declaration (ASCII-compatible or UTF-16/32 bytes).
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        var head: [UInt8] = []
        let (_, bom) = byteOrderMark(bytes)
        let limit = min(bytes.count, bom + 1024)
        for byte in bytes[bom..<limit] where byte != 0 { head.append(byte) }
        guard head.starts(with: Array("<?xml".utf8)), let end = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: head[..<end], as: UTF8.self)
        guard let range = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: quote) else { return nil }
        let name = String(rest[..<close]).trimmingWhitespace()
        return name.isEmpty ? nil : name
    }

    /// Whether the bytes are well-formed UTF-8.
    static func isValidUTF8(_ bytes: [UInt8], allowTruncatedEnd: Bool = false) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                let byte = buffer[index]
                if byte < 0x80 {
                    index += 1
                    continue
                }
                let length: Int
                if byte >= 0xC2 && byte <= 0xDF { length = 2 } else if byte >= 0xE0 && byte <= 0xEF { length = 3 } else if byte >= 0xF0 && byte <= 0xF4 { length = 4 } else { return false }
                guard index + length <= count else { return allowTruncatedEnd && count - index < 4 }
                for offset in 1..<length where buffer[index + offset] & 0xC0 != 0x80 { return false }
                index += length
            }
            return true
        }
    }
}
