import ConfigFiles
import Foundation

/// The `[mail]` table of `config/preglednik.toml`: where members are listed, how to reach the SMTP
/// server, the sender, the unsubscribe addresses and what to do for members with nothing this week.
///
/// Credentials never live in the file: `username_env` and `password_env` name environment variables.
public struct MailSettings: Sendable, Equatable {
    /// What a member with nothing relevant this week receives.
    public enum EmptyPolicy: String, Sendable, Equatable {
        /// No message.
        case skip
        /// A short "nothing for you this week" message.
        case send
    }

    /// How the connection to the SMTP server is protected.
    public enum Security: String, Sendable, Equatable {
        /// `smtp://` upgraded with STARTTLS; the transfer fails if the server does not offer it.
        case startTLS
        /// `smtps://`: TLS from the first byte.
        case implicitTLS
        /// Plain text; only with `allow_insecure_loopback = true` and a loopback host (tests).
        case none
    }

    /// Member file (`config/members.toml`), as written in the config.
    public var membersFile: String
    /// `smtp://host:587` or `smtps://host:465`.
    public var smtpURL: String
    /// Envelope sender and `From:` address.
    public var from: EmailAddress
    /// Display name in `From:`.
    public var fromName: String?
    /// Environment variable holding the SMTP user name, if the server needs authentication.
    public var usernameEnv: String?
    /// Environment variable holding the SMTP password.
    public var passwordEnv: String?
    /// Address for `List-Unsubscribe: <mailto:…>`.
    public var unsubscribeMailto: EmailAddress?
    /// https address for `List-Unsubscribe` one-click (RFC 8058).
    public var unsubscribeURL: String?
    /// Members with nothing this week: skip them or send a short note.
    public var empty: EmptyPolicy
    /// Allows plain-text SMTP to a loopback host (test servers only).
    public var allowInsecureLoopback: Bool
    /// First retry after a failure, seconds; doubles per attempt.
    public var retryBaseSeconds: Double
    /// Longest wait between retries, seconds.
    public var retryCapSeconds: Double
    /// Attempts after which a failing message is given up (left `failed` with no next attempt).
    public var maxAttempts: Int
    /// Whole-transfer timeout per message, seconds.
    public var timeoutSeconds: Double
    /// PEM file of certificate authorities to trust instead of the system's (a private CA); the
    /// server certificate and host name are always verified.
    public var caFile: String?

    static let allowedKeys = ["members", "smtp_url", "from", "from_name", "username_env", "password_env",
                              "list_unsubscribe_mailto", "list_unsubscribe_url", "empty", "allow_insecure_loopback",
                              "retry_base_seconds", "retry_cap_seconds", "max_attempts", "timeout_seconds", "ca_file"]
    static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "[::1]", "localhost"]

    /// Creates settings in code (tests, tools); see ``validate()``.
    public init(smtpURL: String, from: EmailAddress, fromName: String? = nil, membersFile: String = "config/members.toml",
                usernameEnv: String? = nil, passwordEnv: String? = nil, unsubscribeMailto: EmailAddress? = nil,
                unsubscribeURL: String? = nil, empty: EmptyPolicy = .skip, allowInsecureLoopback: Bool = false,
                retryBaseSeconds: Double = 900, retryCapSeconds: Double = 86_400, maxAttempts: Int = 8,
                timeoutSeconds: Double = 120, caFile: String? = nil) {
        self.membersFile = membersFile
        self.smtpURL = smtpURL
        self.from = from
        self.fromName = fromName
        self.usernameEnv = usernameEnv
        self.passwordEnv = passwordEnv
        self.unsubscribeMailto = unsubscribeMailto
        self.unsubscribeURL = unsubscribeURL
        self.empty = empty
        self.allowInsecureLoopback = allowInsecureLoopback
        self.retryBaseSeconds = retryBaseSeconds
        self.retryCapSeconds = retryCapSeconds
        self.maxAttempts = maxAttempts
        self.timeoutSeconds = timeoutSeconds
        self.caFile = caFile
    }

    /// The protection the configured URL asks for.
    /// - Throws: ``ConfigError`` (key `smtp_url`) for a scheme other than smtp/smtps, a missing
    ///   host, credentials inside the URL, or plain text to a host that is not loopback.
    public func security() throws(ConfigError) -> Security {
        func fail(_ message: String) -> ConfigError { ConfigError(file: "[mail]", key: "smtp_url", message: message) }
        guard let components = URLComponents(string: smtpURL), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw fail("'\(smtpURL)' is not an address like smtp://mail.example.org:587 or smtps://mail.example.org:465")
        }
        guard components.user == nil, components.password == nil else {
            throw fail("credentials must not be written in the URL; put them in the variables named by username_env and password_env")
        }
        switch scheme {
        case "smtps":
            return .implicitTLS
        case "smtp":
            guard allowInsecureLoopback else { return .startTLS }
            guard Self.loopbackHosts.contains(host.lowercased()) else {
                throw fail("allow_insecure_loopback is only for a test server on 127.0.0.1, ::1 or localhost, not \(host)")
            }
            return .none
        default:
            throw fail("scheme '\(scheme)' is not supported; use smtp:// (STARTTLS required) or smtps://")
        }
    }

    /// Checks the settings as a whole.
    /// - Throws: ``ConfigError`` for the first problem.
    public func validate() throws(ConfigError) {
        _ = try security()
        if let unsubscribeURL {
            guard let url = URLComponents(string: unsubscribeURL), url.scheme?.lowercased() == "https", url.host != nil else {
                throw ConfigError(file: "[mail]", key: "list_unsubscribe_url", message: "must be an https:// address")
            }
        }
        guard retryBaseSeconds > 0, retryCapSeconds >= retryBaseSeconds else {
            throw ConfigError(file: "[mail]", key: "retry_base_seconds", message: "must be positive and at most retry_cap_seconds")
        }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw ConfigError(file: "[mail]", key: "ca_file", message: "\(caFile) cannot be read")
        }
        guard maxAttempts >= 1 else { throw ConfigError(file: "[mail]", key: "max_attempts", message: "must be at least 1") }
    }

    /// Reads the `[mail]` table of a Preglednik configuration file.
    /// - Throws: ``ConfigError`` naming the file, the line and the key.
    public static func load(configFile: String) throws(ConfigError) -> MailSettings {
        let source = try TOMLReader(file: configFile)
        guard let reader = source.table("mail") else {
            throw ConfigError(file: configFile, key: "mail", message: "has no [mail] table; add one with smtp_url, from and members")
        }
        try reader.rejectUnknownKeys(allowedKeys)
        let fromText = try reader.requiredString("from")
        guard let from = EmailAddress(fromText) else { throw reader.error("from", "'\(fromText)' is not an e-mail address") }
        var mailto: EmailAddress?
        if let text = try reader.string("list_unsubscribe_mailto") {
            guard let address = EmailAddress(text.hasPrefix("mailto:") ? String(text.dropFirst(7)) : text) else {
                throw reader.error("list_unsubscribe_mailto", "'\(text)' is not an e-mail address")
            }
            mailto = address
        }
        let emptyText = try reader.string("empty") ?? "skip"
        guard let empty = EmptyPolicy(rawValue: emptyText) else { throw reader.error("empty", "use \"skip\" or \"send\"") }
        var attempts = 8
        if let number = try reader.number("max_attempts") {
            guard number >= 1, number == number.rounded() else { throw reader.error("max_attempts", "must be a whole number, at least 1") }
            attempts = Int(number)
        }
        let settings = MailSettings(
            smtpURL: try reader.requiredString("smtp_url"), from: from, fromName: try reader.string("from_name"),
            membersFile: try reader.string("members") ?? "config/members.toml",
            usernameEnv: try reader.string("username_env"), passwordEnv: try reader.string("password_env"),
            unsubscribeMailto: mailto, unsubscribeURL: try reader.string("list_unsubscribe_url"), empty: empty,
            allowInsecureLoopback: try reader.bool("allow_insecure_loopback") ?? false,
            retryBaseSeconds: try reader.number("retry_base_seconds") ?? 900,
            retryCapSeconds: try reader.number("retry_cap_seconds") ?? 86_400, maxAttempts: attempts,
            timeoutSeconds: try reader.number("timeout_seconds") ?? 120, caFile: try reader.string("ca_file"))
        do {
            try settings.validate()
        } catch {
            throw reader.error(error.key, error.message)
        }
        return settings
    }
}
