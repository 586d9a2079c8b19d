import Digests
import Foundation
import Mail
import Storage

/// The mail stage: one personal message per subscribed member, built from a week's digest filtered
/// by the member's subscription (domains, minimum relevance, jurisdictions) and rendered in the
/// member's language, then sent exactly once through the delivery ledger — or written as `.eml`.
public struct MailPublisher {
    let config: PreglednikConfig
    let settings: MailSettings
    let store: ActStore
    let digests: DigestPublisher

    /// Reads the `[mail]` table of `configFile`.
    /// - Throws: ``ConfigError`` naming the file, line and key.
    public init(config: PreglednikConfig, configFile: String, store: ActStore, definitions: [SourceDefinition]) throws {
        self.config = config
        self.settings = try MailSettings.load(configFile: configFile)
        self.store = store
        self.digests = DigestPublisher(config: config, store: store, definitions: definitions)
    }

    /// What a batch holds, per member: sent messages, and members skipped because nothing matched.
    public struct Batch: Sendable {
        /// The personal messages.
        public var mails: [OutgoingMail]
        /// Members subscribed to the digest who get nothing this week (`empty = "skip"`).
        public var skipped: [String]
    }

    /// Builds the personal messages of one digest and week.
    public func batch(kind: DigestKind, week: ISOWeek) throws -> Batch {
        let directory = try MemberDirectory.load(file: settings.membersFile)
        let digest: MailDigest = kind == .eu ? .eu : .weekly
        let input = try digests.weeklyInput(kind: kind, week: week)
        let renderer = try digests.makeRenderer()
        var mails: [OutgoingMail] = []
        var skipped: [String] = []
        for member in directory.subscribers(of: digest) {
            let acts = input.acts.filter {
                member.wants(domains: $0.domains.map(\.id), relevance: $0.relevance, jurisdiction: $0.jurisdiction)
            }
            if acts.isEmpty && settings.empty == .skip {
                skipped.append(member.email.value)
                continue
            }
            // Source problems are for the secretariat, not for members.
            let personal = WeeklyDigestInput(kind: kind, week: week, generatedAt: input.generatedAt, acts: acts, problems: [])
            let rendered = try renderer.renderWeekly(personal, language: member.language)
            mails.append(OutgoingMail(member: member, digest: digest, week: week.description,
                                      subject: rendered.title, text: rendered.text, html: rendered.html))
        }
        return Batch(mails: mails, skipped: skipped)
    }

    /// Sends a batch through SMTP, each message at most once (the ledger remembers what the server accepted).
    public func send(_ batch: Batch, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DeliveryReport {
        let sender = try SMTPSender(settings: settings, environment: environment)
        let ledger = DeliveryLedger(store: store, settings: settings)
        return try Mailer(settings: settings).deliver(batch: batch.mails, ledger: ledger, sender: sender)
    }

    /// The same as ``send(_:environment:)`` from a thread of its own, for async callers (the daemon):
    /// the SMTP transfers block, and must not hold a thread of the global pool.
    public func sendInBackground(_ batch: Batch) async throws -> DeliveryReport {
        try await Mailer(settings: settings).deliverInBackground(batch: batch.mails, databasePath: config.databasePath)
    }

    /// Writes a batch as `.eml` files into `folder` instead of sending; nothing is recorded.
    public func writeDryRun(_ batch: Batch, to folder: String) throws -> [String] {
        try Mailer(settings: settings).writeDryRun(batch: batch.mails, to: folder, date: Date())
    }
}
