/// Header values made safe and RFC 5322/2047-conformant: CR, LF and other control characters can
/// never reach a header raw, non-ASCII text becomes UTF-8 encoded-words, long lines are folded.
enum HeaderText {
    /// Longest header line we write, without CRLF (RFC 5322 recommends 78).
    static let lineLimit = 78
    /// UTF-8 bytes per `=?UTF-8?B?…?=` word: 39 bytes → 52 base64 characters → a 64-character word.
    static let wordPayloadBytes = 39

    /// `text` with every control character (C0, DEL, C1, U+2028/2029) replaced by a space and runs of
    /// whitespace collapsed, so a title with a CR/LF can never start a new header line.
    static func sanitized(_ text: String) -> String {
        var output = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isBreak = scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.properties.isWhitespace
            if isBreak {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace { output.append(" "); pendingSpace = false }
            output.unicodeScalars.append(scalar)
        }
        return output
    }

    /// Whether `text` can be written as it is (printable ASCII only).
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// RFC 2047 `B` encoded-words for `text`, none longer than 75 characters, never cutting a UTF-8
    /// sequence. Words break after a space where possible (the space stays inside the encoded-word),
    /// so a decoder that wrongly keeps the folding whitespace between encoded-words (Python's address
    /// parser does) still shows whole words; RFC 2047 §6.2 decoders show the exact text.
    static func encodedWords(_ text: String) -> [String] {
        var pieces: [[UInt8]] = []
        var word: [UInt8] = []
        for character in text {
            word += Array(String(character).utf8)
            if character == " " { pieces.append(word); word = [] }
        }
        if !word.isEmpty { pieces.append(word) }
        var chunks: [[UInt8]] = []
        var chunk: [UInt8] = []
        for piece in pieces {
            if chunk.count + piece.count <= wordPayloadBytes {
                chunk += piece
                continue
            }
            if !chunk.isEmpty { chunks.append(chunk); chunk = [] }
            if piece.count <= wordPayloadBytes {
                chunk = piece
                continue
            }
            // A word longer than one encoded-word: split it between characters.
            for character in String(decoding: piece, as: UTF8.self) {
                let bytes = Array(String(character).utf8)
                if chunk.count + bytes.count > wordPayloadBytes { chunks.append(chunk); chunk = [] }
                chunk += bytes
            }
        }
        if !chunk.isEmpty { chunks.append(chunk) }
        return chunks.map { "=?UTF-8?B?" + Base64.encode($0) + "?=" }
    }

    /// Unstructured text (Subject): sanitized, encoded when not plain ASCII, as a list of tokens to fold.
    static func unstructuredTokens(_ text: String) -> [String] {
        let clean = sanitized(text)
        let words = clean.split(separator: " ").map(String.init)
        // Plain ASCII stays readable unless a word could not be folded onto one line.
        if isPlainASCII(clean) && !clean.contains("=?") && words.allSatisfy({ $0.utf8.count < lineLimit - 1 }) {
            return words
        }
        return encodedWords(clean)
    }

    /// A display name as a phrase: an atom or quoted-string when ASCII, encoded-words otherwise.
    static func phraseTokens(_ name: String) -> [String] {
        let clean = sanitized(name)
        guard !clean.isEmpty else { return [] }
        guard isPlainASCII(clean), !clean.contains("=?") else { return encodedWords(clean) }
        let atomCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ")
        if clean.allSatisfy(atomCharacters.contains) { return clean.split(separator: " ").map(String.init) }
        let escaped = clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ["\"" + escaped + "\""]
    }

    /// `Name: token token …` folded with CRLF + space so no line exceeds ``lineLimit`` where the
    /// tokens allow it (a single token longer than a line stays whole).
    static func folded(name: String, tokens: [String]) -> String {
        var lines: [String] = []
        var current = name + ":"
        for token in tokens {
            // Break before the token when it would overflow; even right after the name, if the token
            // then fits on a continuation line.
            let overflows = current.utf8.count + 1 + token.utf8.count > lineLimit
            if overflows, current != name + ":" || token.utf8.count + 1 <= lineLimit {
                lines.append(current)
                current = " " + token
            } else {
                current += " " + token
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }
}

/// Standard base64 (RFC 4648) without line breaks.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Base64 in lines of 76 characters joined by CRLF (RFC 2045 §6.8).
    static func lines(_ bytes: [UInt8]) -> String {
        let text = Array(encode(bytes).utf8)
        return stride(from: 0, to: text.count, by: 76).map { String(decoding: text[$0..<min($0 + 76, text.count)], as: UTF8.self) }
            .joined(separator: "\r\n")
    }

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index], b1 = index + 1 < bytes.count ? bytes[index + 1] : 0, b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            output.append(alphabet[Int(b0 >> 2)])
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            output.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            output.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
