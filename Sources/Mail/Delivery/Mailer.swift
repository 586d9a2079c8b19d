import Foundation

/// Builds each member's MIME message and delivers a batch through SMTP with the ledger's
/// exactly-once bookkeeping, or writes the batch as `.eml` files for a dry run.
public struct Mailer: Sendable {
    public let settings: MailSettings

    /// Creates a mailer for the `[mail]` settings.
    public init(settings: MailSettings) {
        self.settings = settings
    }

    /// Deterministic Message-ID for a member, digest and week, so a retry reuses it:
    /// `preglednik.weekly.2026-W49.<hash of the address>@<sender domain>`.
    public func messageID(for mail: OutgoingMail) -> String {
        let hash = MIMEMessage.hex(FNV1a.hash(mail.member.email.value.lowercased() + "|" + mail.digest.rawValue + "|" + mail.week))
        return "preglednik.\(mail.digest.rawValue).\(mail.week).\(hash)@\(settings.from.domain)"
    }

    /// The MIME message for one mail.
    /// - Parameter messageID: defaults to ``messageID(for:)``.
    public func message(for mail: OutgoingMail, messageID: String? = nil, date: Date) -> MIMEMessage {
        var mailto: String?
        if let address = settings.unsubscribeMailto {
            mailto = "mailto:\(address.value)?subject=" + Self.percentEncoded("unsubscribe \(mail.digest.rawValue)")
        }
        var oneClick: String?
        if let url = settings.unsubscribeURL {
            oneClick = url + (url.contains("?") ? "&" : "?") + "email=" + Self.percentEncoded(mail.member.email.value)
                + "&digest=" + mail.digest.rawValue
        }
        return MIMEMessage(from: settings.from, fromName: settings.fromName, to: mail.member.email, toName: mail.member.name,
                           subject: mail.subject, text: mail.text, html: mail.html,
                           messageID: messageID ?? self.messageID(for: mail), date: date,
                           unsubscribeMailto: mailto, unsubscribeURL: oneClick,
                           extraHeaders: [("Auto-Submitted", "auto-generated"), ("Content-Language", mail.member.language)])
    }

    /// Sends every due message of `batch`, one transfer per member, recording each in `ledger`.
    ///
    /// Already accepted messages are skipped; failed ones are retried only when their backoff has
    /// passed. Each acceptance is committed right after the server's reply, before the next transfer.
    /// - Throws: only database errors (the ledger must be writable); SMTP failures are results.
    public func deliver(batch: [OutgoingMail], ledger: DeliveryLedger, sender: SMTPSender, now: () -> Date = Date.init) throws -> DeliveryReport {
        var results: [DeliveryResult] = []
        for mail in batch {
            let key = mail.ledgerKey
            let started = now()
            let claim = try ledger.claim(key, messageID: messageID(for: mail), now: started)
            func result(_ status: DeliveryResult.Status, _ id: String = "") -> DeliveryResult {
                DeliveryResult(email: mail.member.email.value, digest: mail.digest, week: mail.week, status: status, messageID: id)
            }
            switch claim {
            case .alreadySent:
                results.append(result(.alreadySent))
            case .notDue(let date):
                results.append(result(.deferred(until: date)))
            case .gaveUp(let attempts):
                results.append(result(.gaveUp(attempts: attempts)))
            case .send(_, let id):
                let bytes = message(for: mail, messageID: id, date: started).render()
                let outcome = sender.send(bytes, from: settings.from, to: mail.member.email)
                switch outcome {
                case .accepted(let reply):
                    try ledger.markSent(key, reply: reply, now: now())
                    results.append(result(.sent(reply: reply), id))
                case .refused(let code, let reply):
                    let retry = try ledger.markFailed(key, error: outcome.summary, now: now())
                    results.append(result(.refused(code: code, reply: reply, retryAt: retry), id))
                case .transient(let reason):
                    let retry = try ledger.markFailed(key, error: outcome.summary, now: now())
                    results.append(result(.transient(reason: reason, retryAt: retry), id))
                }
            }
        }
        return DeliveryReport(results: results)
    }

    /// Writes each message of `batch` as `<week>-<digest>-<address>.eml` into `folder` (created if
    /// needed) instead of sending; the ledger is not touched. Returns the paths written.
    public func writeDryRun(batch: [OutgoingMail], to folder: String, date: Date = Date()) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var paths: [String] = []
        for mail in batch {
            let safeAddress = String(mail.member.email.value.lowercased().map { $0.isLetter || $0.isNumber || "@.-_".contains($0) ? $0 : "_" })
            let path = (folder as NSString).appendingPathComponent("\(mail.week)-\(mail.digest.rawValue)-\(safeAddress).eml")
            try Data(message(for: mail, date: date).render()).write(to: URL(fileURLWithPath: path), options: .atomic)
            paths.append(path)
        }
        return paths
    }

    /// RFC 3986 percent-encoding of everything but unreserved characters.
    static func percentEncoded(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            let scalar = UnicodeScalar(byte)
            if (byte < 128 && (Character(scalar).isLetter || Character(scalar).isNumber)) || "-._~".utf8.contains(byte) {
                output.unicodeScalars.append(scalar)
            } else {
                output += String(format: "%%%02X", byte)
            }
        }
        return output
    }
}
