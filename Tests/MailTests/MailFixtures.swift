import Foundation
import TestSupport
import Mail
import Storage

/// Members, messages and a throwaway database shared by the mail tests.
enum MailFixtures {
    static let spela = Member(name: "Občina Šentjur — Špela Žagar", email: EmailAddress("spela.zagar@example.org")!, language: "sl")
    static let dragan = Member(name: "Град Бања Лука — Драган Јовић", email: EmailAddress("dragan.jovic@example.org")!, language: "sr-Cyrl",
                               digests: [.weekly])
    static let maria = Member(name: "NALAS Secretariat", email: EmailAddress("maria.jensen@example.org")!, language: "en", digests: [.eu])

    static let slovenianSubject = "Preglednik 2026-W49: financiranje občin, požarna varnost, čiščenje odpadnih voda"
    static let cyrillicSubject = "Прегледник 2026-W49: Закон о финансирању локалне самоуправе, комуналне делатности и управљање отпадом"

    static func mail(for member: Member, digest: MailDigest = .weekly, week: String = "2026-W49") -> OutgoingMail {
        let cyrillic = member.language == "sr-Cyrl"
        let subject = cyrillic ? cyrillicSubject : slovenianSubject
        let line = cyrillic
            ? "Предлог закона о изменама Закона о финансирању локалне самоуправе — усвојен 25. 11. 2026."
            : "Predlog zakona o financiranju občin — druga obravnava (MDT), 30. 11. 2026; šola, vrtec, žičnica."
        let text = "\(subject)\n\n• \(line)\n\n" + String(repeating: "Dolga vrstica brez prelomov za preverjanje mehkih prelomov; ", count: 4) + "\n.\nKonec.\n"
        let html = "<!DOCTYPE html><html lang=\"\(member.language)\"><body><h1>\(subject)</h1><ul><li>\(line)</li></ul><p>a=b &amp; č</p></body></html>"
        return OutgoingMail(member: member, digest: digest, week: week, subject: subject, text: text, html: html)
    }

    static func settings(url: String, insecure: Bool = true) -> MailSettings {
        MailSettings(smtpURL: url, from: EmailAddress("preglednik@skupnostobcin.si")!, fromName: "Skupnost občin Slovenije — Preglednik",
                     unsubscribeMailto: EmailAddress("preglednik-odjava@skupnostobcin.si"),
                     unsubscribeURL: "https://www.skupnostobcin.si/preglednik/odjava", allowInsecureLoopback: insecure,
                     retryBaseSeconds: 600, retryCapSeconds: 7200, maxAttempts: 3, timeoutSeconds: 30)
    }

    /// A fresh database in a temporary folder; remove it with `cleanup`.
    static func store() throws -> (ActStore, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preglednik-mail-\(UUID().uuidString)")
        return (try ActStore(path: folder.appendingPathComponent("db.sqlite").path), folder)
    }

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

/// A loopback SMTP server, a fresh database and a configured mailer, ledger and sender: the
/// setup every delivery test shares. Call `close()` when done.
final class DeliveryHarness {
    let sink: SMTPSink?
    let store: ActStore
    let folder: URL
    let settings: MailSettings
    let mailer: Mailer
    let ledger: DeliveryLedger
    let sender: SMTPSender

    /// - Parameter url: a server address to use instead of starting a sink.
    init(refuse: [String] = [], defer deferred: [String] = [], insecure: Bool = true, url: String? = nil) throws {
        sink = url == nil ? try SMTPSink(refuse: refuse, defer: deferred) : nil
        (store, folder) = try MailFixtures.store()
        settings = MailFixtures.settings(url: url ?? sink!.url, insecure: insecure)
        mailer = Mailer(settings: settings)
        ledger = DeliveryLedger(store: store, settings: settings)
        sender = try SMTPSender(settings: settings, environment: [:])
    }

    /// Delivers `batch` as if the clock said `now`.
    func deliver(_ batch: [OutgoingMail], at now: Date) throws -> DeliveryReport {
        try mailer.deliver(batch: batch, ledger: ledger, sender: sender, now: { now })
    }

    /// Messages the server saved.
    func received() throws -> [URL] { try sink?.messages() ?? [] }

    func close() {
        sink?.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}
