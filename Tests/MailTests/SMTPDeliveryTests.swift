import Foundation
import TestSupport
import Storage
import Testing
@testable import Mail

/// Delivery through libcurl to a real SMTP server on loopback (aiosmtpd), checked with Python's
/// standard MIME parser. Serialized: each test owns a server process and blocks on transfers.
@Suite("SMTP delivery to a real loopback server, exactly once", .serialized)
struct SMTPDeliveryTests {
    let now = Date(timeIntervalSince1970: 1_796_161_600)  // 2026-12-01T21:46:40Z

    @Test("each member's message arrives, parses as multipart/alternative, and č/š/ž and Cyrillic survive")
    func messagesArriveIntact() throws {
        let harness = try DeliveryHarness()
        defer { harness.close() }
        let batch = [MailFixtures.mail(for: MailFixtures.spela), MailFixtures.mail(for: MailFixtures.dragan)]
        let report = try harness.deliver(batch, at: now)
        #expect(report.sent == 2, "\(report.results.map(\.line))")
        let parsed = try ParsedEML.parse(harness.received())
        #expect(parsed.count == 2)
        let sl = try #require(parsed.first { $0.to_address == "spela.zagar@example.org" })
        let sr = try #require(parsed.first { $0.to_address == "dragan.jovic@example.org" })
        #expect(sl.subject == MailFixtures.slovenianSubject)
        #expect(sr.subject == MailFixtures.cyrillicSubject)
        // Python's address parser keeps the folding whitespace between encoded-words (RFC 2047 §6.2
        // says to drop it), so display names are compared with whitespace runs collapsed.
        #expect(collapsed(sl.to_display_name) == "Občina Šentjur — Špela Žagar")
        #expect(collapsed(sr.to_display_name) == "Град Бања Лука — Драган Јовић")
        #expect(collapsed(sl.from).contains("Skupnost občin Slovenije — Preglednik <preglednik@skupnostobcin.si>"))
        for message in [sl, sr] {
            #expect(message.content_type == "multipart/alternative")
            #expect(message.defects.isEmpty && message.part_defects.isEmpty, "\(message.defects) \(message.part_defects)")
            // Lines over 78 characters only where a single unbreakable URI needs them.
            #expect(message.long_lines.allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("<https://") }, "\(message.long_lines)")
            #expect(!message.bare_lf)
            let text = try #require(message.part("text/plain"))
            let html = try #require(message.part("text/html"))
            #expect(text.charset == "utf-8" && html.charset == "utf-8")
            // Latin text with a few diacritics stays readable quoted-printable; Cyrillic goes base64.
            #expect(text.transfer_encoding == (message.to_address == "dragan.jovic@example.org" ? "base64" : "quoted-printable"))
            #expect(message.list_unsubscribe?.contains("<mailto:preglednik-odjava@skupnostobcin.si?subject=") == true)
            #expect(message.list_unsubscribe?.contains("<https://www.skupnostobcin.si/preglednik/odjava?email=") == true)
            #expect(message.list_unsubscribe_post == "List-Unsubscribe=One-Click")
            #expect(message.message_id.hasPrefix("<preglednik.weekly.2026-W49.") && message.message_id.hasSuffix("@skupnostobcin.si>"))
        }
        let slText = try #require(sl.part("text/plain")).content
        #expect(slText.contains("Predlog zakona o financiranju občin — druga obravnava (MDT), 30. 11. 2026; šola, vrtec, žičnica."))
        #expect(slText.contains("\n.\nKonec.\n"), "a line holding only a dot survives SMTP")
        #expect(try #require(sl.part("text/html")).content.contains("<p>a=b &amp; č</p>"))
        #expect(try #require(sr.part("text/plain")).content.contains("Предлог закона о изменама Закона о финансирању локалне самоуправе"))
        #expect(try #require(sr.part("text/html")).content.contains("<li>Предлог закона о изменама"))
    }

    func collapsed(_ text: String?) -> String {
        (text ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test("a second run sends nothing already accepted")
    func secondRunSendsNothing() throws {
        let harness = try DeliveryHarness()
        defer { harness.close() }
        let batch = [MailFixtures.spela, MailFixtures.dragan, MailFixtures.maria].map { MailFixtures.mail(for: $0) }
        let first = try harness.deliver(batch, at: now)
        #expect(first.sent == 3)
        let second = try harness.deliver(batch, at: now.addingTimeInterval(86_400))
        #expect(second.sent == 0)
        #expect(second.alreadySent == 3)
        #expect(try harness.received().count == 3)
        let records = try harness.ledger.records(digest: .weekly, week: "2026-W49")
        #expect(records.map(\.status) == [.sent, .sent, .sent])
        #expect(records.allSatisfy { $0.attempts == 1 && $0.sentAt != nil })
    }

    @Test("a refused recipient leaves the others delivered and is queued for retry with backoff")
    func refusedRecipientIsQueued() throws {
        let harness = try DeliveryHarness(refuse: ["dragan.jovic@example.org"])
        defer { harness.close() }
        let batch = [MailFixtures.spela, MailFixtures.dragan, MailFixtures.maria].map { MailFixtures.mail(for: $0) }

        let report = try harness.deliver(batch, at: now)
        #expect(report.sent == 2)
        #expect(report.failed == 1)
        let refused = try #require(report.results.first { $0.email == "dragan.jovic@example.org" })
        guard case .refused(let code, let reply, let retryAt) = refused.status else {
            Issue.record("expected a refusal, got \(refused.status)")
            return
        }
        #expect(code == 550)
        #expect(reply.contains("User unknown"), "the server's own reply is kept: \(reply)")
        #expect(retryAt == now.addingTimeInterval(600))
        #expect(Set(try harness.received().map { $0.lastPathComponent.dropFirst(4) }) == ["spela.zagar@example.org.eml", "maria.jensen@example.org.eml"])
        let record = try #require(try harness.ledger.record(batch[1].ledgerKey))
        #expect(record.status == .failed && record.attempts == 1 && record.nextAttempt != nil)
        #expect(record.lastError?.contains("550") == true)

        // Before the backoff has passed nothing is tried; afterwards it is, and the wait doubles.
        let early = try harness.deliver(batch, at: now.addingTimeInterval(60))
        #expect(early.results.first { $0.email == "dragan.jovic@example.org" }?.status == .deferred(until: now.addingTimeInterval(600)))
        #expect(early.sent == 0 && early.alreadySent == 2)
        let later = now.addingTimeInterval(601)
        let retry = try harness.deliver(batch, at: later)
        guard case .refused(_, _, let nextRetry) = try #require(retry.results.first { $0.email == "dragan.jovic@example.org" }).status else {
            Issue.record("expected a second refusal")
            return
        }
        #expect(nextRetry == later.addingTimeInterval(1200))
        #expect(try harness.ledger.record(batch[1].ledgerKey)?.attempts == 2)
        #expect(try harness.received().count == 2)
    }

    @Test("a message whose transfer never got recorded is the only one sent again, with the same Message-ID")
    func interruptedTransferResendsOnlyThatMessage() throws {
        let harness = try DeliveryHarness()
        defer { harness.close() }
        let batch = [MailFixtures.spela, MailFixtures.dragan, MailFixtures.maria].map { MailFixtures.mail(for: $0) }
        _ = try harness.deliver(batch, at: now)
        // What a crash between the server's acceptance and our commit leaves behind.
        try harness.store.database.run("UPDATE deliveries SET status = 'sending', sent_at = NULL WHERE email = ?", "maria.jensen@example.org")
        let rerun = try harness.deliver(batch, at: now.addingTimeInterval(30))
        #expect(rerun.sent == 1 && rerun.alreadySent == 2)
        let parsed = try ParsedEML.parse(harness.received())
        let toMaria = parsed.filter { $0.to_address == "maria.jensen@example.org" }
        #expect(parsed.count == 4 && toMaria.count == 2)
        #expect(Set(toMaria.map(\.message_id)).count == 1, "the resend reuses the Message-ID")
    }

    @Test("smtp:// without STARTTLS on the server sends nothing in plain text")
    func startTLSIsRequired() throws {
        let harness = try DeliveryHarness(insecure: false)
        defer { harness.close() }
        let report = try harness.deliver([MailFixtures.mail(for: MailFixtures.spela)], at: now)
        guard case .transient(let reason, let retryAt) = try #require(report.results.first).status else {
            Issue.record("expected a transient failure, got \(report.results)")
            return
        }
        #expect(reason.contains("STARTTLS"))
        #expect(retryAt != nil)
        #expect(try harness.received().isEmpty)
    }

    @Test("a temporary 451 is a transient failure queued for retry")
    func deferredRecipientIsTransient() throws {
        let harness = try DeliveryHarness(defer: ["spela.zagar@example.org"])
        defer { harness.close() }
        let report = try harness.deliver([MailFixtures.mail(for: MailFixtures.spela)], at: now)
        guard case .transient(let reason, _) = try #require(report.results.first).status else {
            Issue.record("expected a transient failure, got \(report.results)")
            return
        }
        #expect(reason.contains("451"))
        #expect(try harness.ledger.record(MailFixtures.mail(for: MailFixtures.spela).ledgerKey)?.status == .failed)
    }

    @Test("without aiosmtpd the SMTP tests fail with a message saying how to install it")
    func missingServerPackageFailsLoudly() throws {
        // `python3 -S` skips site-packages, which is where pip puts aiosmtpd.
        let error = try #require(throws: PythonTool.Failure.self) { try SMTPSink(pythonOptions: ["-S"]) }
        #expect(error.description.contains("pip install aiosmtpd"), "\(error)")
    }

    @Test("a closed port is a transient failure, not a crash")
    func unreachableServer() throws {
        let harness = try DeliveryHarness(url: "smtp://127.0.0.1:1")
        defer { harness.close() }
        let report = try harness.deliver([MailFixtures.mail(for: MailFixtures.maria, digest: .eu)], at: now)
        #expect(report.failed == 1)
        #expect(report.results.first?.line.contains("FAILED") == true)
    }
}

@Suite("SMTP delivery from async code")
struct BackgroundDeliveryTests {
    @Test("deliverInBackground sends from its own thread and keeps the ledger in the given database")
    func background() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let (store, folder) = try MailFixtures.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mailer = Mailer(settings: MailFixtures.settings(url: sink.url))
        let batch = [MailFixtures.spela, MailFixtures.maria].map { MailFixtures.mail(for: $0, digest: .eu) }
        let first = try await mailer.deliverInBackground(batch: batch, databasePath: store.database.path, environment: [:])
        #expect(first.sent == 2)
        let again = try await mailer.deliverInBackground(batch: batch, databasePath: store.database.path, environment: [:])
        #expect(again.alreadySent == 2 && again.sent == 0)
        #expect(try DeliveryLedger(store: store).records(digest: .eu, week: "2026-W49").map(\.status) == [.sent, .sent])
        #expect(try sink.messages().count == 2)
    }
}
