import Foundation
import Storage

/// Where one message stands in the ledger.
public enum DeliveryStatus: String, Sendable, Equatable, Codable {
    /// Recorded but never tried.
    case pending
    /// A transfer was started and its end not yet recorded (or the process died during it).
    case sending
    /// The server accepted it; it is never sent again.
    case sent
    /// The last attempt failed; `nextAttempt` says when to retry (nil: given up).
    case failed
}

/// One row of the ledger: a digest of one week for one member address.
public struct DeliveryRecord: Sendable, Equatable {
    public var digest: MailDigest
    /// ISO week, `2026-W49`.
    public var week: String
    public var email: String
    public var status: DeliveryStatus
    public var attempts: Int
    public var lastError: String?
    public var nextAttempt: Date?
    public var messageID: String
    public var sentAt: Date?
}

/// The delivery ledger in the Preglednik database (`deliveries` table): exactly-once bookkeeping
/// for the mail stage.
///
/// Protocol per message: ``claim(_:now:)`` commits `sending` and the attempt count *before* the
/// transfer; ``markSent(_:reply:now:)`` commits `sent` in its own transaction right after the
/// server accepts; ``markFailed(_:error:now:)`` schedules a retry with exponential backoff.
/// A re-run never sends a `sent` row again. The one window left is a crash (or power loss) after
/// the server accepted but before `sent` was committed: that row stays `sending`, and the next run
/// sends that single message again, with the same Message-ID so clients can fold the duplicate.
/// SMTP has no way to ask a server "did you already take this?", so this is the honest minimum.
public final class DeliveryLedger {
    /// The answer to "should this message go out now?".
    public enum Claim: Sendable, Equatable {
        /// Go: this is attempt number `attempt`; use `messageID`.
        case send(attempt: Int, messageID: String)
        /// Already accepted by the server earlier.
        case alreadySent
        /// Failed before; not due until the date.
        case notDue(Date)
        /// Failed `attempts` times; no more retries.
        case gaveUp(attempts: Int)
    }

    private let database: SQLiteDatabase
    private let retryBase: Double
    private let retryCap: Double
    private let maxAttempts: Int

    /// Uses the database of an open store (its migrations create the table).
    /// - Parameters:
    ///   - retryBaseSeconds: wait after the first failure; doubles per further failure.
    ///   - retryCapSeconds: longest wait.
    ///   - maxAttempts: attempts after which a message is given up.
    public init(store: ActStore, retryBaseSeconds: Double = 900, retryCapSeconds: Double = 86_400, maxAttempts: Int = 8) {
        database = store.database
        retryBase = retryBaseSeconds
        retryCap = retryCapSeconds
        self.maxAttempts = maxAttempts
    }

    /// Uses the retry settings of `[mail]`.
    public convenience init(store: ActStore, settings: MailSettings) {
        self.init(store: store, retryBaseSeconds: settings.retryBaseSeconds, retryCapSeconds: settings.retryCapSeconds,
                  maxAttempts: settings.maxAttempts)
    }

    /// The key of one message.
    public struct Key: Sendable, Hashable {
        public var digest: MailDigest
        public var week: String
        public var email: String
        /// Creates a key; the address is compared case-insensitively.
        public init(digest: MailDigest, week: String, email: String) {
            self.digest = digest
            self.week = week
            self.email = email.lowercased()
        }
    }

    /// Decides whether the message is due and, if so, records the attempt (`sending`) and commits.
    /// - Parameter messageID: used for a new row; an existing row keeps its own, so retries reuse it.
    public func claim(_ key: Key, messageID: String, now: Date) throws -> Claim {
        try database.transaction { () throws -> Claim in
            if let record = try record(key) {
                switch record.status {
                case .sent:
                    return .alreadySent
                case .failed:
                    guard let next = record.nextAttempt else { return .gaveUp(attempts: record.attempts) }
                    if next > now { return .notDue(next) }
                case .pending, .sending:
                    break
                }
                try database.run("""
                    UPDATE deliveries SET status = 'sending', attempts = attempts + 1, updated_at = ?
                    WHERE digest = ? AND week = ? AND email = ?
                    """, Self.text(now), key.digest.rawValue, key.week, key.email)
                return .send(attempt: record.attempts + 1, messageID: record.messageID)
            }
            try database.run("""
                INSERT INTO deliveries (digest, week, email, status, attempts, message_id, updated_at)
                VALUES (?, ?, ?, 'sending', 1, ?, ?)
                """, key.digest.rawValue, key.week, key.email, messageID, Self.text(now))
            return .send(attempt: 1, messageID: messageID)
        }
    }

    /// Records that the server accepted the message (own transaction, committed before returning).
    public func markSent(_ key: Key, reply: String, now: Date) throws {
        try database.transaction { () throws -> Void in
            try database.run("""
                UPDATE deliveries SET status = 'sent', sent_at = ?, last_error = NULL, next_attempt = NULL, updated_at = ?
                WHERE digest = ? AND week = ? AND email = ?
                """, Self.text(now), Self.text(now), key.digest.rawValue, key.week, key.email)
        }
    }

    /// Records a failed attempt and when to retry; returns that date, nil when given up.
    @discardableResult
    public func markFailed(_ key: Key, error: String, now: Date) throws -> Date? {
        try database.transaction { () throws -> Date? in
            let attempts = Int(try database.first("SELECT attempts FROM deliveries WHERE digest = ? AND week = ? AND email = ?",
                                                  key.digest.rawValue, key.week, key.email)?.integer(0) ?? 1)
            let next = attempts >= maxAttempts ? nil : now.addingTimeInterval(backoff(afterAttempts: attempts))
            try database.run("""
                UPDATE deliveries SET status = 'failed', last_error = ?, next_attempt = ?, updated_at = ?
                WHERE digest = ? AND week = ? AND email = ?
                """, error, next.map(Self.text), Self.text(now), key.digest.rawValue, key.week, key.email)
            return next
        }
    }

    /// Seconds to wait after `attempts` failed attempts: base × 2^(attempts−1), capped.
    public func backoff(afterAttempts attempts: Int) -> Double {
        min(retryCap, retryBase * pow(2, Double(max(attempts - 1, 0))))
    }

    /// One row, if recorded.
    public func record(_ key: Key) throws -> DeliveryRecord? {
        try database.first("""
            SELECT digest, week, email, status, attempts, last_error, next_attempt, message_id, sent_at
            FROM deliveries WHERE digest = ? AND week = ? AND email = ?
            """, key.digest.rawValue, key.week, key.email).map(Self.record(from:))
    }

    /// Every row of one digest and week, by address.
    public func records(digest: MailDigest, week: String) throws -> [DeliveryRecord] {
        try database.query("""
            SELECT digest, week, email, status, attempts, last_error, next_attempt, message_id, sent_at
            FROM deliveries WHERE digest = ? AND week = ? ORDER BY email
            """, digest.rawValue, week).map(Self.record(from:))
    }

    private static func record(from row: SQLiteRow) -> DeliveryRecord {
        DeliveryRecord(
            digest: MailDigest(rawValue: row.text(0) ?? "") ?? .weekly, week: row.text(1) ?? "", email: row.text(2) ?? "",
            status: DeliveryStatus(rawValue: row.text(3) ?? "") ?? .pending, attempts: Int(row.integer(4) ?? 0),
            lastError: row.text(5), nextAttempt: date(row.text(6)), messageID: row.text(7) ?? "", sentAt: date(row.text(8)))
    }

    static func text(_ date: Date) -> String { date.formatted(.iso8601) }

    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        return try? Date(text, strategy: .iso8601)
    }
}
