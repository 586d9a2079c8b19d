/// What the SMTP server did with one message for one recipient.
public enum SMTPOutcome: Sendable, Equatable {
    /// The server accepted the message (its final reply, e.g. `250 2.0.0 Ok: queued as 4F2A`).
    case accepted(reply: String)
    /// The server refused it permanently (5xx for the recipient or the content), with its reply.
    case refused(code: Int, reply: String)
    /// It did not get through this time (4xx, connection, TLS, timeout, authentication); retry later.
    case transient(reason: String)

    /// True for ``accepted(reply:)``.
    public var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }

    /// A one-line description for reports and the ledger.
    public var summary: String {
        switch self {
        case .accepted(let reply): "accepted: \(reply)"
        case .refused(let code, let reply): "refused (\(code)): \(reply)"
        case .transient(let reason): "transient: \(reason)"
        }
    }
}
