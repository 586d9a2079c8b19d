import Digests
import FlyingFox
import Foundation
import Logging
import Synchronization
import Storage
import TestSupport
import Testing
@testable import Pipeline

@Suite("PipelineRunner end to end on real files, a real SQLite file and a real HTTP server")
struct PipelineRunnerTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    static let dzItems: [(title: String, guid: String, phase: String?, date: String)] = [
        ("Predlog zakona o financiranju občin", "dz-1", "druga obravnava - MDT", "Tue, 17 Nov 2026 09:00:00 +0100"),
        ("Predlog zakona o urejanju prostora", "dz-2", "prva obravnava", "Wed, 18 Nov 2026 10:00:00 +0100"),
        ("Predlog zakona o davku na dodano vrednost", "dz-3", "tretja obravnava", "Thu, 19 Nov 2026 11:00:00 +0100"),
    ]
    static let euEntries: [(title: String, id: String, updated: String)] = [
        ("Regulation (EU) 2026/2101 on urban wastewater treatment", "reg/2026/2101/oj", "2026-11-18T08:00:00Z"),
        ("Directive (EU) 2026/2202 on public procurement by local authorities", "dir/2026/2202/oj", "2026-11-19T08:00:00Z"),
    ]

    func makeWorkspace() throws -> TestWorkspace {
        let workspace = try TestWorkspace()
        try workspace.addSource(id: "si-dz", sample: TestWorkspace.rss(items: Self.dzItems), extra: "phase_from = \"category\"\n")
        try workspace.addSource(id: "eu-oj", jurisdiction: "eu", kind: "atom", language: "en", sourceType: "eu-journal",
                                defaultPhase: "published", sample: TestWorkspace.atom(entries: Self.euEntries))
        return workspace
    }

    @Test("bundled-style sources are fetched, parsed, classified, stored and digested; a re-run adds nothing")
    func endToEndOffline() async throws {
        let workspace = try makeWorkspace()
        defer { workspace.remove() }
        let config = try workspace.config()
        let report = try await PipelineRunner(config: config, logger: logger).runOnce()

        #expect(report.failed == 0, "\(RunSummary.lines(report))")
        #expect(report.totals.new == 5)
        #expect(report.digestErrors.isEmpty, "\(report.digestErrors)")
        let store = try ActStore(path: workspace.database)
        let acts = try store.acts()
        #expect(acts.count == 5)
        let finance = try #require(acts.first { $0.title.contains("financiranju občin") })
        #expect(finance.phase == "second-reading")
        #expect(finance.phaseRaw == "druga obravnava - MDT")
        #expect(finance.municipal)
        #expect(acts.first { $0.title.contains("davku na dodano") }?.municipal == false)
        #expect(acts.filter { $0.jurisdiction == "eu" }.allSatisfy { $0.phase == "published" })

        let week = ISOWeek(containing: Date(), timeZone: config.timeZone)
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.output.path)
        for expected in ["tedenske-novice-\(week).html", "tedenske-novice-\(week).txt", "europreglednik-\(week).html",
                         "europreglednik-\(week).txt", "tedenske-novice-\(week).en.html", "preglednik.html", "preglednik.txt",
                         "index.html", "feed.xml"] {
            #expect(files.contains(expected), "missing \(expected) in \(files.sorted())")
        }
        // The items are dated 17–19 November 2026 (2026-W47): they belong in that week's digests, not in this week's.
        let current = try String(contentsOf: workspace.output.appendingPathComponent("tedenske-novice-\(week).txt"), encoding: .utf8)
        #expect(!current.contains("Predlog zakona o financiranju občin"))
        let publisher = DigestPublisher(config: config, store: store, definitions: try SourceDefinition.loadAll(folder: config.feedsFolder))
        let w47 = ISOWeek(year: 2026, week: 47)
        _ = try publisher.publish(kind: .weekly, week: w47, languages: ["sl"])
        _ = try publisher.publish(kind: .eu, week: w47, languages: ["sl"])
        let weekly = try String(contentsOf: workspace.output.appendingPathComponent("tedenske-novice-2026-W47.txt"), encoding: .utf8)
        #expect(weekly.contains("Predlog zakona o financiranju občin"))
        #expect(!weekly.contains("urban wastewater"), "EU acts belong in Europreglednik, not in the weekly news")
        let eu = try String(contentsOf: workspace.output.appendingPathComponent("europreglednik-2026-W47.txt"), encoding: .utf8)
        #expect(eu.contains("urban wastewater"))

        let second = try await PipelineRunner(config: config, logger: logger).runOnce()
        #expect(second.totals.new == 0)
        #expect(second.outcomes.allSatisfy { $0.status == .unchanged })
        #expect(try store.acts().count == 5)
        let eventsAfterFirst = try store.counts().events
        _ = try await PipelineRunner(config: config, logger: logger).runOnce(force: true)
        #expect(try store.counts().events == eventsAfterFirst)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("a broken or missing sample gives a clear error for that source while the others complete")
    func brokenSourcesAreIsolated() async throws {
        let workspace = try makeWorkspace()
        defer { workspace.remove() }
        try workspace.addSource(id: "si-missing", sample: nil, extra: "sample = \"samples/does-not-exist.xml\"\n")
        try workspace.addSource(id: "si-garbage", sample: "%PDF-1.4 this is not a feed \u{1}\u{2}")
        try workspace.addSource(id: "si-nosample", sample: nil)
        let report = try await PipelineRunner(config: try workspace.config(), logger: logger).runOnce()

        let byID = Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.sourceID, $0) })
        #expect(byID["si-dz"]?.status == .new)
        #expect(byID["eu-oj"]?.status == .new)
        for broken in ["si-missing", "si-garbage", "si-nosample"] {
            let outcome = try #require(byID[broken])
            #expect(outcome.status == .failed)
            #expect(outcome.error?.isEmpty == false)
            #expect(outcome.nextAttempt != nil)
        }
        #expect(byID["si-missing"]?.error?.contains("does-not-exist") == true, "\(byID["si-missing"]?.error ?? "")")
        #expect(byID["si-garbage"]?.error?.hasPrefix("parse:") == true, "\(byID["si-garbage"]?.error ?? "")")
        let lines = RunSummary.lines(report)
        #expect(lines.contains { $0.hasPrefix("si-garbage") && $0.contains("FAILED") })
        #expect(lines.last(where: { $0.hasPrefix("total:") })?.contains("3 failed") == true)

        let store = try ActStore(path: workspace.database)
        #expect(try store.acts().count == 5)
        let states = try store.sourceStates()
        #expect(states.first { $0.id == "si-garbage" }?.consecutiveFailures == 1)
        #expect(states.first { $0.id == "si-dz" }?.consecutiveFailures == 0)
    }

    @Test("a second run while one holds the lock stops with a clear message and touches nothing")
    func overlappingRunIsRefused() async throws {
        let workspace = try makeWorkspace()
        defer { workspace.remove() }
        let config = try workspace.config()
        let lock = try RunLock(path: config.databasePath + ".lock")
        await #expect(throws: RunLockError.self) {
            _ = try await PipelineRunner(config: config, logger: logger).runOnce()
        }
        withExtendedLifetime(lock) {}
        #expect(!FileManager.default.fileExists(atPath: workspace.database))
    }

    @Test("live sources over HTTP: conditional GET gives 304 on the second run; a failing server backs off")
    func liveSourcesOverLoopback() async throws {
        let feed = TestWorkspace.rss(items: Self.dzItems)
        let hits = HitCounter()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /dz.xml") { request in
                hits.add()
                if request.headers[HTTPHeader("If-None-Match")] == "\"v1\"" {
                    return HTTPResponse(statusCode: .notModified, headers: HTTPHeaders([HTTPHeader("ETag"): "\"v1\""]))
                }
                return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([HTTPHeader("ETag"): "\"v1\"", HTTPHeader("Content-Type"): "application/rss+xml; charset=utf-8"]),
                                    body: Data(feed.utf8))
            }
            await server.appendRoute("GET /down.xml") { _ in HTTPResponse(statusCode: .internalServerError) }
        }
        defer { Task { await server.stop() } }
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.addSource(id: "si-dz", url: server.url("/dz.xml"), sample: nil, extra: "phase_from = \"category\"\n")
        try workspace.addSource(id: "si-down", url: server.url("/down.xml"), sample: nil)
        let config = try workspace.config(offline: false)

        let first = try await PipelineRunner(config: config, logger: logger).runOnce()
        let firstByID = Dictionary(uniqueKeysWithValues: first.outcomes.map { ($0.sourceID, $0) })
        #expect(firstByID["si-dz"]?.stored.new == 3)
        #expect(firstByID["si-down"]?.status == .failed)
        #expect(firstByID["si-down"]?.error?.contains("500") == true, "\(firstByID["si-down"]?.error ?? "")")

        let second = try await PipelineRunner(config: config, logger: logger).runOnce(force: true)
        let dz = try #require(second.outcomes.first { $0.sourceID == "si-dz" })
        #expect(dz.notModified)
        #expect(dz.status == .unchanged)
        #expect(hits.value == 2)

        // Not forced: both sources are within their schedule or backoff, so nothing is fetched.
        let third = try await PipelineRunner(config: config, logger: logger).runOnce()
        #expect(third.outcomes.allSatisfy { $0.status == .notDue })
        #expect(hits.value == 2)
        let down = try #require(try ActStore(path: workspace.database).sourceState(id: "si-down"))
        #expect(down.consecutiveFailures == 2)
        #expect((down.nextAttempt ?? .distantPast) > Date())
    }

    @Test("identifier_scheme names a bare identifier field, so the gazette's \"EPA 389-X\" finds the bill")
    func identifierScheme() async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.addSource(id: "si-dz-xml", kind: "xml", sample: """
            <?xml version="1.0" encoding="UTF-8"?>
            <PZ><PREDPIS><NAZIV>Predlog zakona o gasilstvu</NAZIV><EPA>389-x</EPA><FAZA>prva obravnava</FAZA></PREDPIS></PZ>
            """, extra: "identifier_scheme = \"epa\"\n[xpath]\nitems = \"//PREDPIS\"\ntitle = \"NAZIV\"\nidentifier = \"EPA\"\nphase = \"FAZA\"\n")
        // A different title (its key cannot match), so only the EPA number can join the two.
        try workspace.addSource(id: "si-ul", sourceType: "gazette", defaultPhase: "published", sample: TestWorkspace.rss(items: [
            ("Zakon o spremembah pravil gasilske službe (EPA 389-X)", "ul-1", nil, "Tue, 17 Nov 2026 09:00:00 +0100"),
        ]))
        let report = try await PipelineRunner(config: try workspace.config(), logger: logger).runOnce(writeDigests: false)
        #expect(report.failed == 0, "\(RunSummary.lines(report))")
        let acts = try ActStore(path: workspace.database).acts()
        #expect(acts.count == 1, "\(acts.map(\.title))")
        #expect(acts.first?.identifiers.contains(ActIdentifier(scheme: "epa", value: "389-X")) == true)
        #expect(acts.first?.phase == "published")
    }
}

/// Counts requests across the server's tasks.
final class HitCounter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
