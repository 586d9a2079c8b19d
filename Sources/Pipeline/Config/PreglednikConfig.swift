import ConfigFiles
import Digests
import Fetching
import Foundation

/// The whole configuration (`config/preglednik.toml`). Relative paths are resolved against the
/// working directory, so run Preglednik from its installation folder (cron: `cd … && preglednik …`).
public struct PreglednikConfig: Sendable {
    /// The config file itself.
    public var file: String
    /// SQLite database file.
    public var databasePath: String
    /// Folder for digests and the overview.
    public var outputFolder: String
    /// Folder of source definitions.
    public var feedsFolder: String
    /// Folder with `phases.toml` and `domains.toml`.
    public var rulesFolder: String
    /// Mustache templates.
    public var templatesFolder: String
    /// Localized labels.
    public var labelsFile: String
    /// Time zone for weeks, digest days and dates shown.
    public var timeZone: TimeZone
    /// When true every source reads its offline sample through a `file://` URL.
    public var offline: Bool
    /// Only these source ids (empty: all enabled sources).
    public var onlySources: [String]
    /// libcurl politeness and limits.
    public var fetch: FetchSettings
    /// Backoff for failing sources.
    public var retry: RetryPolicy
    /// Digest settings.
    public var digest: DigestSettings
    /// The daemon's own schedule.
    public var daemon: DaemonSettings
    /// The log level from `log_level` (trace … critical); the `--log-level` flag wins over it.
    public var logLevel: String?
    /// Whether the file has a `[mail]` table (the mail stage reads it; the daemon mails only then).
    public var mailConfigured = false

    /// When the daemon writes the weekly digests (and sends mail), and how often it looks for due sources.
    public struct DaemonSettings: Sendable, Equatable {
        /// 1 = Sunday … 7 = Saturday (Calendar weekday).
        public var digestWeekday: Int
        /// Minutes after local midnight.
        public var digestMinute: Int
        /// Seconds between looks for due sources.
        public var pollSeconds: Double
    }

    /// Digest settings.
    public struct DigestSettings: Sendable {
        /// Languages to write digests in (first is the default).
        public var languages: [String]
        /// Write a short "nothing this week" digest (`write`) or none (`skip`).
        public var emptyWeek: String
        /// Public address of the digest archive, for the Atom feed.
        public var siteURL: String?
        /// How many weeks of completed acts the overview shows.
        public var overviewCompletedWeeks: Int
    }

    static let allowedKeys = "database, output, feeds, rules, templates, labels, time_zone, offline, sources, log_level, [fetch], [retry], [digest], [mail], [daemon]"

    /// Reads and validates a config file.
    /// - Throws: ``ConfigError`` naming the file, line and key.
    public static func load(file: String) throws -> PreglednikConfig {
        let reader = try TOMLReader(file: file)
        let zoneName = try reader.string("time_zone") ?? "Europe/Ljubljana"
        guard let timeZone = TimeZone(identifier: zoneName) else {
            throw reader.error("time_zone", "unknown time zone '\(zoneName)'; use an IANA name like Europe/Ljubljana")
        }
        let defaults = FetchSettings()
        var contact = try reader.string("fetch.contact_url")
        if let url = contact, URL(string: url)?.scheme == nil { throw reader.error("fetch.contact_url", "must be an address") }
        contact = contact.map { " (+\($0))" }
        let fetch = FetchSettings(
            userAgent: (try reader.string("fetch.user_agent") ?? "Preglednik/1.0") + (contact ?? ""),
            maxConcurrent: try positive(reader, "fetch.max_concurrent") ?? defaults.maxConcurrent,
            maxPerHost: try positive(reader, "fetch.max_per_host") ?? defaults.maxPerHost,
            connectTimeoutSeconds: try reader.double("fetch.connect_timeout_seconds") ?? defaults.connectTimeoutSeconds,
            totalTimeoutSeconds: try reader.double("fetch.timeout_seconds") ?? defaults.totalTimeoutSeconds,
            maxBodyBytes: try positive(reader, "fetch.max_body_bytes") ?? defaults.maxBodyBytes,
            maxRedirects: try reader.int("fetch.max_redirects") ?? defaults.maxRedirects,
            allowFileURLs: true,
            caBundlePath: try reader.string("fetch.ca_bundle"))
        if let bundle = fetch.caBundlePath, !FileManager.default.isReadableFile(atPath: bundle) {
            throw reader.error("fetch.ca_bundle", "'\(bundle)' is not a readable file of PEM certificates")
        }
        let retry = RetryPolicy(baseSeconds: try reader.double("retry.base_seconds") ?? 300,
                                capSeconds: try reader.double("retry.cap_seconds") ?? 86_400)
        let emptyWeek = try reader.string("digest.empty_week") ?? "write"
        guard ["write", "skip"].contains(emptyWeek) else { throw reader.error("digest.empty_week", "use \"write\" or \"skip\"") }
        let languages = try reader.strings("digest.languages") ?? ["sl"]
        let supported = DigestRenderer.languages
        if let bad = languages.first(where: { !supported.contains($0) }) {
            throw reader.error("digest.languages", "unsupported language '\(bad)'; use \(supported.joined(separator: ", "))")
        }
        let days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        let dayText = (try reader.string("daemon.digest_day") ?? "friday").lowercased()
        guard let weekday = days.firstIndex(of: dayText) else {
            throw reader.error("daemon.digest_day", "'\(dayText)' is not a day; write e.g. \"friday\"")
        }
        let timeText = try reader.string("daemon.digest_time") ?? "12:00"
        let timeParts = timeText.split(separator: ":").compactMap { Int($0) }
        guard timeParts.count == 2, (0..<24).contains(timeParts[0]), (0..<60).contains(timeParts[1]) else {
            throw reader.error("daemon.digest_time", "'\(timeText)' is not a time; write e.g. \"12:00\"")
        }
        let pollText = try reader.string("daemon.poll") ?? "1m"
        guard let poll = IntervalText.seconds(pollText) else {
            throw reader.error("daemon.poll", "'\(pollText)' is not an interval; write e.g. 30s, 1m or 5m")
        }
        let daemon = DaemonSettings(digestWeekday: weekday + 1, digestMinute: timeParts[0] * 60 + timeParts[1], pollSeconds: poll)
        var config = PreglednikConfig(
            file: file,
            databasePath: try reader.string("database") ?? "var/preglednik.sqlite",
            outputFolder: try reader.string("output") ?? "out",
            feedsFolder: try reader.string("feeds") ?? "feeds",
            rulesFolder: try reader.string("rules") ?? "config",
            templatesFolder: try reader.string("templates") ?? "config/templates",
            labelsFile: try reader.string("labels") ?? "config/labels.toml",
            timeZone: timeZone,
            offline: try reader.bool("offline") ?? false,
            onlySources: try reader.strings("sources") ?? [],
            fetch: fetch, retry: retry,
            digest: DigestSettings(languages: languages.isEmpty ? ["sl"] : languages, emptyWeek: emptyWeek,
                                   siteURL: try reader.string("digest.site_url"),
                                   overviewCompletedWeeks: try positive(reader, "digest.overview_completed_weeks") ?? 4),
            daemon: daemon)
        // The mail section is read by the mail stage; here it is only allowed.
        config.mailConfigured = reader.has("mail")
        if let level = try reader.string("log_level") {
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            guard levels.contains(level) else {
                throw reader.error("log_level", "'\(level)' is not a log level; use one of \(levels.joined(separator: ", "))")
            }
            config.logLevel = level
        }
        reader.consume(prefix: "mail")
        try reader.rejectUnknownKeys(allowed: allowedKeys)
        return config
    }

    private static func positive(_ reader: TOMLReader, _ key: String) throws -> Int? {
        guard let value = try reader.int(key) else { return nil }
        guard value > 0 else { throw reader.error(key, "must be greater than 0") }
        return value
    }
}
