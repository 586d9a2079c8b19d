import Foundation

/// One personal e-mail: `multipart/alternative` with a UTF-8 text part and an HTML part, both
/// quoted-printable; RFC 2047 headers; Message-ID, Date, MIME-Version and List-Unsubscribe.
///
/// Every header value passes through sanitizing: CR, LF and other control characters in a name,
/// subject or address can never produce a header line of their own.
public struct MIMEMessage: Sendable, Equatable {
    /// Sender address.
    public var from: EmailAddress
    /// Sender display name.
    public var fromName: String?
    /// Recipient address.
    public var to: EmailAddress
    /// Recipient display name.
    public var toName: String?
    /// Subject, any Unicode.
    public var subject: String
    /// The plain-text part.
    public var text: String
    /// The HTML part (a complete document).
    public var html: String
    /// Message-ID without angle brackets (`preglednik.weekly.2026-W49.1a2b…@example.org`).
    public var messageID: String
    /// The Date header.
    public var date: Date
    /// `mailto:` unsubscribe target, if any.
    public var unsubscribeMailto: String?
    /// https one-click unsubscribe target (RFC 8058), if any.
    public var unsubscribeURL: String?
    /// Extra headers (name, value), sanitized like the others; names must be letters, digits and `-`.
    public var extraHeaders: [(String, String)]

    /// Creates a message.
    public init(from: EmailAddress, fromName: String? = nil, to: EmailAddress, toName: String? = nil, subject: String,
                text: String, html: String, messageID: String, date: Date, unsubscribeMailto: String? = nil,
                unsubscribeURL: String? = nil, extraHeaders: [(String, String)] = []) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.toName = toName
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
        self.unsubscribeMailto = unsubscribeMailto
        self.unsubscribeURL = unsubscribeURL
        self.extraHeaders = extraHeaders
    }

    public static func == (lhs: MIMEMessage, rhs: MIMEMessage) -> Bool {
        lhs.render() == rhs.render()
    }

    /// The header block, one folded header per element (no trailing CRLF).
    public func headers() -> [String] {
        var headers = [
            HeaderText.folded(name: "From", tokens: Self.mailbox(name: fromName, address: from)),
            HeaderText.folded(name: "To", tokens: Self.mailbox(name: toName, address: to)),
            HeaderText.folded(name: "Subject", tokens: HeaderText.unstructuredTokens(subject)),
            "Date: " + Self.rfc5322Date(date),
            HeaderText.folded(name: "Message-ID", tokens: ["<" + Self.messageIDSafe(messageID) + ">"]),
            "MIME-Version: 1.0",
        ]
        var unsubscribe: [String] = []
        if let unsubscribeMailto { unsubscribe.append("<" + Self.uriSafe(unsubscribeMailto) + ">") }
        if let unsubscribeURL { unsubscribe.append("<" + Self.uriSafe(unsubscribeURL) + ">") }
        if !unsubscribe.isEmpty {
            let tokens = unsubscribe.enumerated().map { $0.offset < unsubscribe.count - 1 ? $0.element + "," : $0.element }
            headers.append(HeaderText.folded(name: "List-Unsubscribe", tokens: tokens))
            if unsubscribeURL != nil { headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click") }
        }
        for (name, value) in extraHeaders {
            let safeName = String(name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            guard !safeName.isEmpty else { continue }
            headers.append(HeaderText.folded(name: safeName, tokens: HeaderText.unstructuredTokens(value)))
        }
        headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        return headers
    }

    /// A boundary that cannot occur in quoted-printable output (it contains `=_` followed by text
    /// QP never writes after `=`).
    var boundary: String { "=_preglednik_" + Self.hex(FNV1a.hash(messageID)) }

    /// The whole message as bytes with CRLF line ends, ready for SMTP DATA or an `.eml` file.
    public func render() -> [UInt8] {
        var lines = headers()
        lines.append("")
        lines.append("This is a multi-part message in MIME format.")
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            let base64 = Self.prefersBase64(body)
            lines.append("--" + boundary)
            lines.append("Content-Type: \(type); charset=UTF-8")
            lines.append("Content-Transfer-Encoding: " + (base64 ? "base64" : "quoted-printable"))
            lines.append("")
            lines.append(base64 ? Base64.lines(Array(Self.crlf(body).utf8)) : QuotedPrintable.encode(body))
        }
        lines.append("--" + boundary + "--")
        lines.append("")
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// Base64 when more than a quarter of the bytes are non-ASCII (Cyrillic): quoted-printable would
    /// triple them. Latin text with a few č/š/ž stays quoted-printable, readable in the raw message.
    static func prefersBase64(_ body: String) -> Bool {
        let bytes = body.utf8
        return bytes.count > 0 && bytes.count(where: { $0 >= 0x80 }) * 4 > bytes.count
    }

    /// Text with every line break as CRLF (the canonical form of text/* before base64).
    static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
    }

    /// `Name <address>` tokens for From/To.
    static func mailbox(name: String?, address: EmailAddress) -> [String] {
        HeaderText.phraseTokens(name ?? "") + ["<" + address.value + ">"]
    }

    /// A Message-ID body with only characters allowed in `id-left@id-right` (no spaces, brackets, CR/LF).
    static func messageIDSafe(_ text: String) -> String {
        String(text.filter { $0.isASCII && !$0.isWhitespace && $0 != "<" && $0 != ">" && $0.asciiValue! >= 33 && $0.asciiValue! < 127 })
    }

    /// A URI with anything that could break the header (controls, spaces, angle brackets, commas) percent-encoded.
    static func uriSafe(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            if byte <= 32 || byte >= 127 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") {
                output += String(format: "%%%02X", byte)
            } else {
                output.unicodeScalars.append(UnicodeScalar(byte))
            }
        }
        return output
    }

    /// `Tue, 01 Dec 2026 21:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(format: "%@, %02d %@ %04d %02d:%02d:%02d +0000", days[parts.weekday! - 1], parts.day!,
                      months[parts.month! - 1], parts.year!, parts.hour!, parts.minute!, parts.second!)
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// FNV-1a, 64 bit: a stable, dependency-free hash for deterministic Message-IDs and boundaries
/// (not for security).
enum FNV1a {
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
