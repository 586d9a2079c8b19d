import Foundation
import TestSupport
import Storage
import Testing
@testable import Mail

@Suite("Delivery ledger: one row per digest, week and address, exponential backoff, dry runs")
struct DeliveryLedgerTests {
    let now = Date(timeIntervalSince1970: 1_796_161_600)

    @Test("claims, failures with doubling backoff up to the cap, then giving up")
    func backoffAndGivingUp() throws {
        let (store, folder) = try MailFixtures.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = DeliveryLedger(store: store, retryBaseSeconds: 600, retryCapSeconds: 1500, maxAttempts: 3)
        let key = DeliveryLedger.Key(digest: .eu, week: "2026-W49", email: "Ana@Example.org")
        #expect(try ledger.claim(key, messageID: "m1@x.org", now: now) == .send(attempt: 1, messageID: "m1@x.org"))
        #expect(try ledger.markFailed(key, error: "451", now: now) == now.addingTimeInterval(600))
        #expect(try ledger.claim(key, messageID: "other@x.org", now: now.addingTimeInterval(599)) == .notDue(now.addingTimeInterval(600)))
        let second = now.addingTimeInterval(600)
        #expect(try ledger.claim(key, messageID: "other@x.org", now: second) == .send(attempt: 2, messageID: "m1@x.org"))
        #expect(try ledger.markFailed(key, error: "451", now: second) == second.addingTimeInterval(1200))
        let third = second.addingTimeInterval(1200)
        #expect(try ledger.claim(key, messageID: "m1@x.org", now: third) == .send(attempt: 3, messageID: "m1@x.org"))
        #expect(try ledger.markFailed(key, error: "451 again", now: third) == nil)
        #expect(try ledger.claim(key, messageID: "m1@x.org", now: third.addingTimeInterval(86_400)) == .gaveUp(attempts: 3))
        #expect(ledger.backoff(afterAttempts: 5) == 1500)
        let record = try #require(try ledger.record(DeliveryLedger.Key(digest: .eu, week: "2026-W49", email: "ana@example.org")))
        #expect(record.lastError == "451 again" && record.status == .failed && record.nextAttempt == nil)
    }

    @Test("sent is final; the ledger survives reopening the database")
    func sentIsFinal() throws {
        let (store, folder) = try MailFixtures.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = DeliveryLedger.Key(digest: .weekly, week: "2026-W48", email: "a@example.org")
        let ledger = DeliveryLedger(store: store)
        _ = try ledger.claim(key, messageID: "m@x.org", now: now)
        try ledger.markSent(key, reply: "250 ok", now: now)
        let reopened = DeliveryLedger(store: try ActStore(path: store.database.path))
        #expect(try reopened.claim(key, messageID: "m@x.org", now: now.addingTimeInterval(10)) == .alreadySent)
        #expect(try reopened.record(key)?.sentAt == now)
        #expect(try store.schemaVersion() >= 2, "the ledger's migration (1 → 2) ran")
    }

    @Test("a dry run writes one parseable .eml per member and sends or records nothing")
    func dryRun() throws {
        let (store, folder) = try MailFixtures.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let settings = MailFixtures.settings(url: "smtp://127.0.0.1:1")
        let output = folder.appendingPathComponent("dry").path
        let batch = [MailFixtures.spela, MailFixtures.dragan].map { MailFixtures.mail(for: $0) }
        let paths = try Mailer(settings: settings).writeDryRun(batch: batch, to: output, date: now)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["2026-W49-weekly-spela.zagar@example.org.eml", "2026-W49-weekly-dragan.jovic@example.org.eml"])
        let parsed = try ParsedEML.parse(paths.map { URL(fileURLWithPath: $0) })
        #expect(parsed.map(\.subject) == [MailFixtures.slovenianSubject, MailFixtures.cyrillicSubject])
        #expect(parsed.allSatisfy { $0.parts.map(\.content_type) == ["text/plain", "text/html"] })
        #expect(try DeliveryLedger(store: store).records(digest: .weekly, week: "2026-W49").isEmpty)
    }

    @Test("Message-IDs are deterministic per member, digest and week, and differ otherwise")
    func messageIDs() {
        let mailer = Mailer(settings: MailFixtures.settings(url: "smtp://127.0.0.1:1"))
        let a = mailer.messageID(for: MailFixtures.mail(for: MailFixtures.spela))
        #expect(a == mailer.messageID(for: MailFixtures.mail(for: MailFixtures.spela)))
        #expect(a != mailer.messageID(for: MailFixtures.mail(for: MailFixtures.spela, week: "2026-W50")))
        #expect(a != mailer.messageID(for: MailFixtures.mail(for: MailFixtures.spela, digest: .eu)))
        #expect(a != mailer.messageID(for: MailFixtures.mail(for: MailFixtures.dragan)))
        #expect(!a.contains("spela"), "the address is hashed, not exposed")
    }
}
