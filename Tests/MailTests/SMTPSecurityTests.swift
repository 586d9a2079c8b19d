import Foundation
import TestSupport
import Storage
import Testing
@testable import Mail

/// TLS and authentication against a real loopback server with a fresh self-signed certificate,
/// trusted through `ca_file`: certificates are verified, credentials come from the environment.
@Suite("SMTP over STARTTLS and smtps with authentication", .serialized)
struct SMTPSecurityTests {
    let now = Date(timeIntervalSince1970: 1_796_161_600)
    let environment = ["PG_TEST_SMTP_USER": "preglednik", "PG_TEST_SMTP_PASSWORD": "šifra-123"]

    func settings(_ url: String, ca: String?) -> MailSettings {
        var settings = MailFixtures.settings(url: url, insecure: false)
        settings.caFile = ca
        settings.usernameEnv = "PG_TEST_SMTP_USER"
        settings.passwordEnv = "PG_TEST_SMTP_PASSWORD"
        return settings
    }

    func deliver(_ settings: MailSettings, environment: [String: String]) throws -> DeliveryReport {
        let (store, folder) = try MailFixtures.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        return try Mailer(settings: settings).deliver(
            batch: [MailFixtures.mail(for: MailFixtures.spela)], ledger: DeliveryLedger(store: store, settings: settings),
            sender: SMTPSender(settings: settings, environment: environment), now: { now })
    }

    @Test("smtp:// upgrades with STARTTLS, verifies the certificate, authenticates and delivers")
    func startTLSWithAuth() throws {
        let sink = try SMTPSink(tls: "starttls", auth: "preglednik:šifra-123")
        defer { sink.stop() }
        let report = try deliver(settings(sink.url, ca: sink.certificate), environment: environment)
        #expect(report.sent == 1, "\(report.results.map(\.line))")
        #expect(try sink.messages().count == 1)
        #expect(sink.logins() == ["PLAIN preglednik ok"])
        #expect(!report.results.map(\.line).joined().contains("šifra"))
    }

    @Test("smtps:// speaks TLS from the first byte")
    func implicitTLS() throws {
        let sink = try SMTPSink(tls: "implicit", auth: "preglednik:šifra-123")
        defer { sink.stop() }
        let report = try deliver(settings("smtps://127.0.0.1:\(sink.port)", ca: sink.certificate), environment: environment)
        #expect(report.sent == 1, "\(report.results.map(\.line))")
        #expect(try sink.messages().count == 1)
    }

    @Test("an untrusted certificate or a wrong password delivers nothing and never shows the password")
    func failures() throws {
        let sink = try SMTPSink(tls: "starttls", auth: "preglednik:šifra-123")
        defer { sink.stop() }
        let untrusted = try deliver(settings(sink.url, ca: nil), environment: environment)
        #expect(untrusted.failed == 1, "the self-signed certificate is not in the system store")
        #expect(sink.logins().isEmpty, "no credentials go out before the certificate is trusted")
        var wrong = environment
        wrong["PG_TEST_SMTP_PASSWORD"] = "napačno-geslo"
        let denied = try deliver(settings(sink.url, ca: sink.certificate), environment: wrong)
        guard case .transient(let reason, let retryAt) = try #require(denied.results.first).status else {
            Issue.record("expected a transient failure, got \(denied.results)")
            return
        }
        #expect(reason.contains("authentication failed"), "\(reason)")
        #expect(retryAt != nil)
        #expect(!reason.contains("napačno-geslo"))
        #expect(try sink.messages().isEmpty)
        #expect(sink.logins() == ["PLAIN preglednik denied"])
    }
}
