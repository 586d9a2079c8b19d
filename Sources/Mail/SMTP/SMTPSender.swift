import CCurl
import ConfigFiles
import Foundation

/// Sends messages through libcurl's SMTP client, one recipient per transfer.
///
/// `smtp://` requires STARTTLS (`CURLUSESSL_ALL`): a server that does not offer it gets nothing.
/// `smtps://` is TLS from the start. Plain text only with `allow_insecure_loopback` to a loopback
/// host. Credentials come from the environment variables the settings name; they are handed to
/// libcurl and never logged or put in errors. Server replies are read through libcurl's debug
/// callback (incoming lines only).
///
/// `send` blocks the calling thread for the whole transfer; call it from the CLI's main thread or
/// a dedicated thread, not from a cooperative-pool task. Not thread-safe: one sender per thread.
public final class SMTPSender {
    private let settings: MailSettings
    private let security: MailSettings.Security
    private let username: String?
    private let password: String?

    /// Prepares a sender.
    /// - Parameter environment: where `username_env` / `password_env` are looked up.
    /// - Throws: ``ConfigError`` for an unusable URL, or a named variable that is not set.
    public init(settings: MailSettings, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) {
        try settings.validate()
        self.settings = settings
        security = try settings.security()
        func credential(_ name: String?, key: String) throws(ConfigError) -> String? {
            guard let name, !name.isEmpty else { return nil }
            guard let value = environment[name], !value.isEmpty else {
                throw ConfigError(file: "[mail]", key: key, message: "environment variable \(name) is not set")
            }
            return value
        }
        username = try credential(settings.usernameEnv, key: "username_env")
        password = try credential(settings.passwordEnv, key: "password_env")
        SMTPCurlGlobal.ensureInitialized()
    }

    /// Sends `message` from `from` to `to`; never throws — every failure is an outcome.
    public func send(_ message: [UInt8], from: EmailAddress, to: EmailAddress) -> SMTPOutcome {
        guard let easy = curl_easy_init() else { return .transient(reason: "libcurl could not create a handle") }
        defer { curl_easy_cleanup(easy) }
        let transfer = SMTPTransfer(message: message)
        let recipients = curl_slist_append(nil, "<\(to.value)>")
        defer { curl_slist_free_all(recipients) }
        let state = Unmanaged.passUnretained(transfer).toOpaque()

        var failures: [String] = []
        func set(_ code: CURLcode, _ what: String) { if code != CURLE_OK { failures.append(what) } }
        set(pg_easy_setopt_string(easy, CURLOPT_URL, settings.smtpURL), "URL")
        set(pg_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps"), "PROTOCOLS_STR")
        set(pg_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        set(pg_easy_setopt_long(easy, CURLOPT_USE_SSL, security == .none ? Int(CURLUSESSL_NONE.rawValue) : Int(CURLUSESSL_ALL.rawValue)), "USE_SSL")
        set(pg_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, 15_000), "CONNECTTIMEOUT_MS")
        set(pg_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int(settings.timeoutSeconds * 1000)), "TIMEOUT_MS")
        set(pg_easy_setopt_string(easy, CURLOPT_MAIL_FROM, "<\(from.value)>"), "MAIL_FROM")
        set(pg_easy_setopt_slist(easy, CURLOPT_MAIL_RCPT, recipients), "MAIL_RCPT")
        set(pg_easy_setopt_long(easy, CURLOPT_UPLOAD, 1), "UPLOAD")
        set(pg_easy_setopt_pointer(easy, CURLOPT_READDATA, state), "READDATA")
        set(pg_easy_setopt_callback(easy, CURLOPT_READFUNCTION) { buffer, size, count, userData in
            Unmanaged<SMTPTransfer>.fromOpaque(userData!).takeUnretainedValue().read(into: buffer!, capacity: size * count)
        }, "READFUNCTION")
        set(pg_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer), "ERRORBUFFER")
        // The debug callback is how libcurl exposes the server's reply lines; it only runs with VERBOSE.
        set(pg_easy_setopt_long(easy, CURLOPT_VERBOSE, 1), "VERBOSE")
        set(pg_easy_setopt_pointer(easy, CURLOPT_DEBUGDATA, state), "DEBUGDATA")
        set(pg_easy_setopt_debug(easy) { _, type, data, size, userData in
            if type == CURLINFO_HEADER_IN, let data, let userData {
                Unmanaged<SMTPTransfer>.fromOpaque(userData).takeUnretainedValue().received(data, size)
            }
            return 0
        }, "DEBUGFUNCTION")
        if let caFile = settings.caFile { set(pg_easy_setopt_string(easy, CURLOPT_CAINFO, caFile), "CAINFO") }
        if let username { set(pg_easy_setopt_string(easy, CURLOPT_USERNAME, username), "USERNAME") }
        if let password { set(pg_easy_setopt_string(easy, CURLOPT_PASSWORD, password), "PASSWORD") }
        guard failures.isEmpty else {
            return .transient(reason: "libcurl refused options \(failures.joined(separator: ", ")); is libcurl built with SMTP?")
        }

        let code = withExtendedLifetime(transfer) { curl_easy_perform(easy) }
        var response = 0
        pg_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &response)
        return Self.outcome(code: code, response: response, transfer: transfer)
    }

    /// Maps libcurl's result, the last SMTP code and the server's lines to an outcome.
    static func outcome(code: CURLcode, response: Int, transfer: SMTPTransfer) -> SMTPOutcome {
        let reply = transfer.reply(withCode: response) ?? ""
        if code == CURLE_OK { return .accepted(reply: reply.isEmpty ? "\(response)" : reply) }
        let curlMessage = transfer.errorMessage ?? String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_USE_SSL_FAILED:
            return .transient(reason: "the server does not offer STARTTLS; nothing was sent in plain text (\(curlMessage))")
        case CURLE_LOGIN_DENIED:
            return .transient(reason: "authentication failed: \(reply.isEmpty ? curlMessage : reply)")
        default:
            break
        }
        // A 5xx to MAIL FROM is about our sender or account, not this recipient: retry after fixing it.
        if (500..<600).contains(response), !curlMessage.hasPrefix("MAIL failed") {
            return .refused(code: response, reply: reply.isEmpty ? curlMessage : reply)
        }
        if (400..<600).contains(response) {
            return .transient(reason: "\(reply.isEmpty ? "\(response)" : reply) (\(curlMessage))")
        }
        return .transient(reason: curlMessage)
    }
}

/// State of one transfer, reached from libcurl's callbacks through an unretained pointer; the
/// sender keeps it alive for the whole `curl_easy_perform`.
final class SMTPTransfer {
    private let message: [UInt8]
    private var offset = 0
    private(set) var replies: [String] = []
    let errorBuffer: UnsafeMutablePointer<CChar>

    init(message: [UInt8]) {
        self.message = message
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit { errorBuffer.deallocate() }

    /// READFUNCTION: copies the next bytes of the message.
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, message.count - offset)
        guard count > 0 else { return 0 }
        message.withUnsafeBufferPointer { bytes in
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }

    /// DEBUGFUNCTION, incoming lines: one or more server reply lines.
    func received(_ data: UnsafeMutablePointer<CChar>, _ size: Int) {
        let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) where !line.isEmpty {
            replies.append(String(line))
        }
    }

    /// The server's last reply line with this code (the reply that decided the transfer, not the
    /// `221 Bye` to QUIT), else its last line.
    func reply(withCode code: Int) -> String? {
        replies.last { $0.hasPrefix(String(code)) } ?? replies.last
    }

    /// libcurl's error text, if it wrote one.
    var errorMessage: String? {
        let text = String(cString: errorBuffer)
        return text.isEmpty ? nil : text
    }
}

/// `curl_global_init` once per process, before the first handle (Swift's lazy globals are thread-safe).
enum SMTPCurlGlobal {
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
        return true
    }()

    static func ensureInitialized() { _ = initialized }
}
