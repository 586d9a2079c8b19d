/// One personal message, ready to send: the member, which digest and week, and the rendered
/// subject, text and HTML (filtering and rendering happen before, in the digest stage).
public struct OutgoingMail: Sendable, Equatable {
    public var member: Member
    public var digest: MailDigest
    /// ISO week, `2026-W49`.
    public var week: String
    public var subject: String
    public var text: String
    public var html: String

    /// Creates a message.
    public init(member: Member, digest: MailDigest, week: String, subject: String, text: String, html: String) {
        self.member = member
        self.digest = digest
        self.week = week
        self.subject = subject
        self.text = text
        self.html = html
    }

    /// Its key in the delivery ledger.
    public var ledgerKey: DeliveryLedger.Key { DeliveryLedger.Key(digest: digest, week: week, email: member.email.value) }
}
