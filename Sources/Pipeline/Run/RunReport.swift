import Foundation
import Storage

/// What happened to one source in one run.
public struct SourceOutcome: Sendable {
    /// How the source ended.
    public enum Status: String, Sendable {
        case new, updated, unchanged, failed
        /// Not due yet by its schedule or backoff.
        case notDue = "not-due"
    }

    public var sourceID: String
    public var sourceName: String
    public var status: Status
    public var stored: IngestSummary
    /// Why the source failed, for the error line.
    public var error: String?
    /// Warnings worth a line (recovered ill-formed document, skipped entries).
    public var warnings: [String]
    /// 304 or same body hash: nothing was parsed.
    public var notModified: Bool
    public var bytes: Int
    public var seconds: Double
    /// When the source is due again (for not-due and failed sources).
    public var nextAttempt: Date?
}

/// The result of one `run --once`.
public struct RunReport: Sendable {
    public var outcomes: [SourceOutcome]
    /// Files written (digests, overview, archive).
    public var writtenFiles: [String]
    /// Digest problems (a missing template); the fetch results are kept regardless.
    public var digestErrors: [String]
    public var seconds: Double

    /// Sources fetched with new content.
    public var fetched: Int { outcomes.filter { [.new, .updated].contains($0.status) || ($0.status == .unchanged && !$0.notModified) }.count }
    /// Sources answered 304 or with an identical body.
    public var notModified: Int { outcomes.filter(\.notModified).count }
    public var failed: Int { outcomes.filter { $0.status == .failed }.count }
    public var bytes: Int { outcomes.reduce(0) { $0 + $1.bytes } }
    public var totals: IngestSummary {
        outcomes.reduce(into: IngestSummary()) {
            $0.new += $1.stored.new
            $0.updated += $1.stored.updated
            $0.unchanged += $1.stored.unchanged
        }
    }
}
