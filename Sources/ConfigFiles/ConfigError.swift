/// A problem in a configuration, feed-definition, member or `[mail]` file: which file, which line
/// and key, what is wrong, and what to do about it. Shared by every module that reads TOML files.
public struct ConfigError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file at fault (or a section name such as `[mail]` when no file is known).
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The key at fault (`fetch.timeout_seconds`, `member[2].email`), when there is one.
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

    /// `file:line: key: message`, leaving out the parts that are not known.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let key { location += ": \(key)" }
        return "\(location): \(message)"
    }
}
