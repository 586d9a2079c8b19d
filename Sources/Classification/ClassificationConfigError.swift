/// A problem in `phases.toml` or `domains.toml`: names the file, the line when known, the key, and
/// what to do about it.
public struct ClassificationConfigError: Error, Sendable, CustomStringConvertible {
    /// The rule file.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// Dotted key path, e.g. `rule[3].phase`.
    public var key: String?
    /// What is wrong and how to fix it.
    public var message: String

    /// An error in a rule file.
    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let key { text += ": \(key)" }
        return text + ": " + message
    }
}
