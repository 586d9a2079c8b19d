import Foundation

/// What happened to one member's message in one run.
public struct DeliveryResult: Sendable, Equatable {
    /// What happened.
    public enum Status: Sendable, Equatable {
        /// Accepted by the server now.
        case sent(reply: String)
        /// Accepted in an earlier run; not sent again.
        case alreadySent
        /// Failed earlier and not due yet.
        case deferred(until: Date)
        /// Failed too often; no more retries.
        case gaveUp(attempts: Int)
        /// The server refused it (permanent reply); queued for retry at `retryAt` (nil: given up).
        case refused(code: Int, reply: String, retryAt: Date?)
        /// Did not get through (4xx, network, TLS); queued for retry at `retryAt` (nil: given up).
        case transient(reason: String, retryAt: Date?)
    }

    public var email: String
    public var digest: MailDigest
    public var week: String
    public var status: Status
    /// Message-ID used (empty when nothing was attempted).
    public var messageID: String

    /// One line for the CLI.
    public var line: String {
        let what: String
        switch status {
        case .sent(let reply): what = "sent (\(reply))"
        case .alreadySent: what = "already sent"
        case .deferred(let until): what = "deferred until \(until.formatted(.iso8601))"
        case .gaveUp(let attempts): what = "given up after \(attempts) attempts"
        case .refused(let code, let reply, let retryAt):
            what = "REFUSED \(code) \(reply); " + (retryAt.map { "retry after \($0.formatted(.iso8601))" } ?? "given up")
        case .transient(let reason, let retryAt):
            what = "FAILED \(reason); " + (retryAt.map { "retry after \($0.formatted(.iso8601))" } ?? "given up")
        }
        return "\(digest.rawValue) \(week) \(email): \(what)"
    }
}

/// Per-recipient results of one delivery run.
public struct DeliveryReport: Sendable, Equatable {
    public var results: [DeliveryResult]

    /// Messages the server accepted in this run.
    public var sent: Int { results.count { if case .sent = $0.status { true } else { false } } }
    /// Messages accepted in earlier runs.
    public var alreadySent: Int { results.count { $0.status == .alreadySent } }
    /// Messages that failed in this run (refused or transient).
    public var failed: Int {
        results.count {
            switch $0.status {
            case .refused, .transient: true
            default: false
            }
        }
    }

    /// A closing summary line.
    public var summary: String {
        "mail: \(sent) sent, \(alreadySent) already sent, \(failed) failed, \(results.count - sent - alreadySent - failed) waiting or given up"
    }
}
