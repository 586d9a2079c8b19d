import Foundation
import Storage

/// What `preglednik status` shows.
public struct StatusReport: Sendable, Encodable {
    /// One source's health.
    public struct Source: Sendable, Encodable {
        public var id: String
        public var name: String
        public var lastSuccess: Date?
        public var lastAttempt: Date?
        public var lastError: String?
        public var consecutiveFailures: Int
        public var nextAttempt: Date?
    }

    public var sources: [Source]
    public var databasePath: String
    public var databaseBytes: Int
    public var acts: Int
    public var events: Int
    public var items: Int
    public var lastRun: String?
    public var lastDigest: String?
    /// The latest mail batch: digest, week, and how many messages were sent, failed or pending.
    public var lastMailBatch: String?

    /// Reads the status from the database.
    public static func gather(store: ActStore, databasePath: String) throws -> StatusReport {
        let sources = try store.sourceStates().map {
            Source(id: $0.id, name: $0.name, lastSuccess: $0.lastSuccess, lastAttempt: $0.lastAttempt,
                   lastError: $0.lastError, consecutiveFailures: $0.consecutiveFailures, nextAttempt: $0.nextAttempt)
        }
        let counts = try store.counts()
        var bytes = 0
        for suffix in ["", "-wal"] {
            bytes += ((try? FileManager.default.attributesOfItem(atPath: databasePath + suffix))?[.size] as? Int) ?? 0
        }
        let run = try store.database.first("SELECT started_at, finished_at, outcome, summary FROM runs ORDER BY id DESC LIMIT 1").map {
            "\($0.text(0) ?? "?") → \($0.text(1) ?? "unfinished"): \($0.text(2) ?? "?")\($0.text(3).map { ", \($0)" } ?? "")"
        }
        let digest = try store.database.first("SELECT kind, period, language, files, written_at FROM digests ORDER BY written_at DESC, id DESC LIMIT 1").map {
            "\($0.text(0) ?? "?") \($0.text(1) ?? "?") [\($0.text(2) ?? "?")] at \($0.text(4) ?? "?"): \($0.text(3) ?? "")"
        }
        let mail = try store.database.first("""
            SELECT digest, week, count(*), sum(status = 'sent'), sum(status = 'failed'),
                   sum(status IN ('pending', 'sending')), max(updated_at)
            FROM deliveries GROUP BY digest, week ORDER BY max(updated_at) DESC LIMIT 1
            """).map {
            "\($0.text(0) ?? "?") \($0.text(1) ?? "?") at \($0.text(6) ?? "?"): \($0.integer(2) ?? 0) messages, "
                + "\($0.integer(3) ?? 0) sent, \($0.integer(4) ?? 0) failed (queued for retry), \($0.integer(5) ?? 0) pending"
        }
        return StatusReport(sources: sources, databasePath: databasePath, databaseBytes: bytes, acts: counts.acts,
                            events: counts.events, items: counts.items, lastRun: run, lastDigest: digest, lastMailBatch: mail)
    }

    /// The human-readable table.
    public func lines() -> [String] {
        func show(_ date: Date?) -> String { date.map { $0.formatted(.iso8601) } ?? "-" }
        let width = max(10, sources.map(\.id.count).max() ?? 0)
        var lines = ["\("source".padding(toLength: width, withPad: " ", startingAt: 0))  \("last success".padding(toLength: 20, withPad: " ", startingAt: 0))  fails  \("next attempt".padding(toLength: 20, withPad: " ", startingAt: 0))  last error"]
        for source in sources {
            lines.append("\(source.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(show(source.lastSuccess).padding(toLength: 20, withPad: " ", startingAt: 0))  \(String(source.consecutiveFailures).padding(toLength: 5, withPad: " ", startingAt: 0))  \(show(source.nextAttempt).padding(toLength: 20, withPad: " ", startingAt: 0))  \(source.lastError ?? "")")
        }
        lines.append("database: \(databasePath), \(RunSummary.formatBytes(databaseBytes)); acts \(acts), events \(events), items \(items)")
        lines.append("last run: \(lastRun ?? "none")")
        lines.append("last digest: \(lastDigest ?? "none")")
        lines.append("last mail batch: \(lastMailBatch ?? "none")")
        return lines
    }
}
