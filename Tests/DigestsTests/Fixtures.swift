import Foundation
@testable import Digests

/// The repository's real templates and labels, and sample acts, for the Digests tests.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let templates = repository.appendingPathComponent("config/templates")
    static let labels = repository.appendingPathComponent("config/labels.toml")
    static let zone = TimeZone(identifier: "Europe/Ljubljana")!
    /// 23–29 November 2026.
    static let week = ISOWeek(year: 2026, week: 48)

    static func renderer() throws -> DigestRenderer {
        try DigestRenderer(templatesDirectory: templates, labelsFile: labels, timeZone: zone)
    }

    /// `2026-11-24T10:00:00Z` → Date.
    static func date(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    static func act(_ id: String, _ title: String, phase: String, domains: [(String, Double)] = [],
                    relevance: Double = 0.5, municipal: Bool = false, identifiers: [String] = [],
                    links: [String] = ["https://www.dz-rs.si/akt"],
                    why: [String] = ["keyword: občina"], timeline: [DigestEvent]? = nil) -> DigestAct {
        DigestAct(id: id, title: title, jurisdiction: "si", phase: phase, phaseSince: date("2026-11-24T09:00:00Z"),
                  lastChange: date("2026-11-25T09:00:00Z"), identifiers: identifiers, links: links,
                  sourceNames: ["Državni zbor"], domains: domains.map { DigestDomain(id: $0.0, score: $0.1) },
                  relevance: relevance, municipal: municipal, why: why,
                  timeline: timeline ?? [DigestEvent(phase: phase, phaseRaw: "raw \(phase)", date: date("2026-11-24T09:00:00Z"),
                                                     sourceName: "Državni zbor", url: "https://www.dz-rs.si/\(id)")])
    }

    /// Acts in every phase group, out of order, with ties that only title and id resolve.
    static let acts: [DigestAct] = [
        act("a1", "Osnutek uredbe o odpadkih", phase: "consultation", domains: [("environment", 0.9)], relevance: 0.4),
        act("a2", "Zakon o financiranju občin", phase: "second-reading", domains: [("local-finance", 0.95), ("local-government", 0.5)],
            relevance: 0.95, municipal: true, identifiers: ["EPA 1234-IX"]),
        act("a3", "Zakon o davku na dodano vrednost", phase: "published", domains: [("economy-tourism", 0.7)], relevance: 0.1),
        act("a4", "Zakon o lokalni samoupravi", phase: "adopted", domains: [("local-government", 0.9)], relevance: 0.9, municipal: true),
        act("a5", "Predlog zakona o cestah", phase: "proposal", domains: [("roads-transport", 0.8)], relevance: 0.6, municipal: true),
        act("a6", "Zakon o gasilstvu", phase: "withdrawn", domains: [("civil-protection", 0.6)], relevance: 0.3),
        act("a7", "Neznan akt", phase: "unclassified"),
        act("a8", "Zakon o javnih uslužbencih", phase: "second-reading", domains: [("public-employees", 0.8)], relevance: 0.7, municipal: true),
        act("a9", "Zakon o javnih uslužbencih", phase: "second-reading", domains: [("public-employees", 0.8)], relevance: 0.7, municipal: true),
        act("a10", "Zakon o kmetijstvu", phase: "first-reading", domains: [("agriculture-rural", 0.9)], relevance: 0.2),
    ]

    static func weeklyInput(acts: [DigestAct] = acts, problems: [SourceProblem] = []) -> WeeklyDigestInput {
        WeeklyDigestInput(kind: .weekly, week: week, generatedAt: date("2026-11-27T11:30:00Z"), acts: acts, problems: problems)
    }

    /// A fresh empty folder; the caller removes it.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("digests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
