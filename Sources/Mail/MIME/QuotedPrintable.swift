/// Quoted-printable body encoding (RFC 2045 §6.7) for UTF-8 text with CRLF line ends.
enum QuotedPrintable {
    /// Longest encoded line, without CRLF.
    static let lineLimit = 76

    /// Encodes `text`: every line break becomes CRLF; bytes outside printable ASCII, `=`, and a
    /// space or tab before a line end are escaped; lines longer than 76 get soft breaks (`=` CRLF)
    /// that never split an escape. A `.` starting a line is escaped too, so no line is a lone dot.
    static func encode(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var output = ""
        let hex = Array("0123456789ABCDEF")
        for (lineIndex, line) in normalized.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if lineIndex > 0 { output += "\r\n" }
            let bytes = Array(line.utf8)
            var current = ""
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let needsEscape = byte == UInt8(ascii: "=") || byte > 126 || (byte < 32 && byte != 9)
                    || ((byte == 32 || byte == 9) && isLast) || (byte == UInt8(ascii: ".") && current.isEmpty)
                let piece = needsEscape ? "=" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)]) : String(UnicodeScalar(byte))
                // Leave room for the soft-break "=" unless this is the line's last piece.
                let limit = isLast ? lineLimit : lineLimit - 1
                if current.utf8.count + piece.utf8.count > limit {
                    output += current + "=\r\n"
                    current = ""
                }
                current += piece
            }
            output += current
        }
        return output
    }
}
