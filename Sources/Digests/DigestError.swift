/// Why templates, labels or the archive could not be used: a stable code, the file, the key or
/// template when known, and what to do.
public struct DigestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable error codes.
    public enum Code: String, Sendable, Hashable {
        case missingTemplate = "missing-template"
        case brokenTemplate = "broken-template"
        case missingLabels = "missing-labels"
        case brokenLabels = "broken-labels"
        case missingLabel = "missing-label"
        case unsupportedLanguage = "unsupported-language"
        case writeFailed = "write-failed"
    }

    /// What went wrong.
    public var code: Code
    /// The file concerned.
    public var file: String
    /// Line in the file, when known.
    public var line: Int?
    /// The label key or template name, when relevant.
    public var key: String?
    /// A human explanation with what to do.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `labels.toml:12: sl.phases.draft: must be a string`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "\(key): " }
        return text + message
    }
}
