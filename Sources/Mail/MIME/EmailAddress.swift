/// A plain ASCII e-mail address (`local@domain`), checked strictly enough that it is safe to put in
/// an SMTP envelope and a header: no spaces, controls, quotes, angle brackets or CR/LF.
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The address as written, e.g. `ana.novak@example.org`.
    public let value: String

    /// Validates `text` (surrounding whitespace is ignored); nil when it is not a usable address.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard Self.isValid(trimmed) else { return nil }
        value = trimmed
    }

    /// Decodes and validates, so a stored or transmitted address is as safe as a parsed one.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = EmailAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an e-mail address"))
        }
        self = address
    }

    /// Encodes as the plain address string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    /// The domain part, lowercased.
    public var domain: String { String(value[value.index(after: value.lastIndex(of: "@")!)...]).lowercased() }

    public var description: String { value }

    private static let localCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~.-")

    static func isValid(_ text: String) -> Bool {
        guard text.utf8.count <= 254, let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        guard !local.isEmpty, local.utf8.count <= 64, local.allSatisfy(localCharacters.contains),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.utf8.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                  label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return false }
        }
        return labels.last!.allSatisfy(\.isLetter)
    }
}
