import Digests
import Foundation
import Logging
import Mail
import Storage
import TestSupport
import Testing
@testable import Pipeline

/// The mail stage end to end: the pipeline stores this week's acts, `MailPublisher` builds one personal
/// message per subscribed member and a real SMTP server on loopback (aiosmtpd) receives them.
@Suite("Mail stage: personal digests per subscription, delivered once to a real SMTP server")
struct MailStageTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// An RFC 822 date for "now": the items belong in the current week's digests.
    static func rfc822(_ date: Date) -> String {
        let style = Date.VerbatimFormatStyle(
            format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) +0000",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: TimeZone(identifier: "UTC")!, calendar: Calendar(identifier: .gregorian))
        return date.formatted(style)
    }

    func makeWorkspace(sink: SMTPSink) throws -> (TestWorkspace, PreglednikConfig) {
        let workspace = try TestWorkspace()
        let now = Self.rfc822(Date())
        try workspace.addSource(id: "si-dz", sample: TestWorkspace.rss(items: [
            ("Predlog zakona o financiranju občin", "dz-1", "druga obravnava - MDT", now),
            ("Predlog zakona o obrambi", "dz-2", "prva obravnava", now),
        ]), extra: "phase_from = \"category\"\n")
        let stamp = Date().formatted(.iso8601)
        try workspace.addSource(id: "eu-oj", jurisdiction: "eu", kind: "atom", language: "en", sourceType: "eu-journal",
                                defaultPhase: "published", sample: TestWorkspace.atom(entries: [
                                    ("Directive (EU) 2026/2300 on urban wastewater treatment", "dir/2026/2300/oj", stamp),
                                ]))
        let members = workspace.root.appendingPathComponent("members.toml")
        try """
            [[member]]
            name = "Občina Šentjur — Špela Žagar"
            email = "spela@example.org"
            language = "sl"
            digests = ["weekly"]
            domains = ["local-finance"]

            [[member]]
            name = "Град Бања Лука — Драган Јовић"
            email = "dragan@example.org"
            language = "sr-Cyrl"
            digests = ["weekly"]
            jurisdictions = ["srpska"]

            [[member]]
            name = "Eve Brussels"
            email = "eve@example.org"
            language = "en"
            digests = ["eu"]
            """.write(to: members, atomically: true, encoding: .utf8)
        let config = try workspace.config(extra: """
            [mail]
            members = "\(members.path)"
            smtp_url = "\(sink.url)"
            allow_insecure_loopback = true
            from = "preglednik@example.org"
            from_name = "Skupnost občin Slovenije — Preglednik"
            list_unsubscribe_mailto = "odjava@example.org"
            list_unsubscribe_url = "https://example.org/odjava"
            empty = "skip"
            """)
        return (workspace, config)
    }

    /// Mail checks a member's language against its own list (Mail does not depend on Digests); the
    /// list must be the languages the digests render.
    @Test("a member may choose exactly the languages the digests are rendered in")
    func memberLanguagesAreTheDigestLanguages() {
        #expect(Member.languages == DigestRenderer.languages)
    }

    @Test("each member gets only what they subscribed to, in their language; a second run sends nothing")
    func personalDigestsExactlyOnce() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let (workspace, config) = try makeWorkspace(sink: sink)
        defer { workspace.remove() }
        #expect(config.mailConfigured)
        _ = try await PipelineRunner(config: config, logger: logger).runOnce()

        let store = try ActStore(path: workspace.database)
        let definitions = try SourceDefinition.loadAll(folder: config.feedsFolder)
        let publisher = try MailPublisher(config: config, configFile: workspace.configFile, store: store, definitions: definitions)
        let week = ISOWeek(containing: Date(), timeZone: config.timeZone)

        let weekly = try publisher.batch(kind: .weekly, week: week)
        #expect(weekly.mails.map(\.member.email.value) == ["spela@example.org"])
        #expect(weekly.skipped == ["dragan@example.org"], "nothing from Srpska this week: skipped, not an empty message")
        let eu = try publisher.batch(kind: .eu, week: week)
        #expect(eu.mails.map(\.member.email.value) == ["eve@example.org"])

        let first = try publisher.send(weekly)
        let firstEU = try publisher.send(eu)
        #expect(first.sent == 1 && firstEU.sent == 1, "\(first.summary); \(firstEU.summary)")

        let received = try ParsedEML.parse(try sink.messages())
        #expect(received.count == 2)
        let spela = try #require(received.first { $0.to.contains("spela@example.org") })
        let text = try #require(spela.part("text/plain")).content
        let html = try #require(spela.part("text/html")).content
        #expect(text.contains("Predlog zakona o financiranju občin"))
        #expect(!text.contains("obrambi"), "defence is not in Špela's subscription (local finance only)")
        #expect(html.contains("financiranju občin"))
        #expect(spela.subject.contains("Tedenske novice"))
        #expect(spela.list_unsubscribe?.contains("mailto:odjava@example.org") == true)
        let eve = try #require(received.first { $0.to.contains("eve@example.org") })
        #expect(try #require(eve.part("text/plain")).content.contains("urban wastewater"))
        #expect(eve.subject.contains("Europreglednik"))

        // The same week again: the ledger remembers what the server accepted.
        let again = try publisher.send(try publisher.batch(kind: .weekly, week: week))
        #expect(again.sent == 0 && again.alreadySent == 1)
        #expect(try sink.messages().count == 2)

        let status = try StatusReport.gather(store: store, databasePath: workspace.database)
        #expect(status.lastMailBatch?.contains("1 sent") == true, "\(status.lastMailBatch ?? "none")")
    }

    @Test("--dry-run writes one .eml per member and records nothing")
    func dryRun() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let (workspace, config) = try makeWorkspace(sink: sink)
        defer { workspace.remove() }
        _ = try await PipelineRunner(config: config, logger: logger).runOnce()
        let store = try ActStore(path: workspace.database)
        let publisher = try MailPublisher(config: config, configFile: workspace.configFile, store: store,
                                          definitions: try SourceDefinition.loadAll(folder: config.feedsFolder))
        let week = ISOWeek(containing: Date(), timeZone: config.timeZone)
        let folder = workspace.root.appendingPathComponent("eml").path
        let files = try publisher.writeDryRun(try publisher.batch(kind: .weekly, week: week), to: folder)
        #expect(files.count == 1)
        let parsed = try ParsedEML.parse(files.map { URL(fileURLWithPath: $0) })
        #expect(parsed.first?.parts.count == 2)
        #expect(try sink.messages().isEmpty)
        #expect(try store.database.first("SELECT count(*) FROM deliveries")?.integer(0) == 0)
    }
}
