/// A problem in the member list or the `[mail]` settings, naming the file, the line and the key.
public struct MailConfigError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file at fault.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The key at fault (`member[2].email`, `mail.smtp_url`), when there is one.
    public var key: String?
    /// What is wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let key { location += ": \(key)" }
        return "\(location): \(message)"
    }
}
