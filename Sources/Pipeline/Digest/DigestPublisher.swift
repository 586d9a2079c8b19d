import Digests
import Foundation
import Storage

/// Turns what is stored into the digests' input and writes them: the week's weekly news (national
/// sources), Europreglednik (EU sources), the standing overview and the archive index.
public struct DigestPublisher {
    let config: PreglednikConfig
    let store: ActStore
    let sourceNames: [String: String]

    /// Creates a publisher over an open store.
    public init(config: PreglednikConfig, store: ActStore, definitions: [SourceDefinition]) {
        self.config = config
        self.store = store
        self.sourceNames = Dictionary(definitions.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// Writes this ISO week's weekly news and Europreglednik in every configured language, the overview
    /// and the archive index. Returns the files written.
    public func publishCurrent(now: Date) throws -> [String] {
        let week = ISOWeek(containing: now, timeZone: config.timeZone)
        var written: [String] = []
        for kind in DigestKind.allCases {
            written += try publish(kind: kind, week: week, languages: config.digest.languages)
        }
        written += try publishOverview(jurisdiction: nil, languages: config.digest.languages, now: now)
        try archive().regenerateIndex(title: "Preglednik")
        return written
    }

    /// Writes one digest for one week.
    /// - Parameters:
    ///   - outputFolder: overrides the configured output folder.
    public func publish(kind: DigestKind, week: ISOWeek, languages: [String], outputFolder: String? = nil) throws -> [String] {
        let renderer = try makeRenderer()
        let input = try weeklyInput(kind: kind, week: week)
        let archive = archive(outputFolder)
        var written: [String] = []
        let lastEventID = try store.lastEventID()
        for language in languages {
            let rendered = try renderer.renderWeekly(input, language: language)
            if rendered.isEmpty && config.digest.emptyWeek == "skip" { continue }
            let urls = try archive.write(rendered, kind: kind, week: week, language: language,
                                         isDefaultLanguage: language == config.digest.languages.first, generatedAt: input.generatedAt)
            written += urls.map(\.path)
            try store.database.run("""
                INSERT INTO digests(kind, period, language, files, last_event_id, written_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(kind, period, language) DO UPDATE SET files = excluded.files,
                    last_event_id = excluded.last_event_id, written_at = excluded.written_at
                """, kind.rawValue, week.description, language, urls.map(\.lastPathComponent).joined(separator: " "),
                lastEventID, Date().formatted(.iso8601))
        }
        if outputFolder != nil { try archive.regenerateIndex(title: "Preglednik") }
        return written
    }

    /// Writes the standing overview.
    public func publishOverview(jurisdiction: String?, languages: [String], now: Date, outputFolder: String? = nil) throws -> [String] {
        let renderer = try makeRenderer()
        var acts = try store.acts(ActFilter(jurisdiction: jurisdiction))
        acts.sort { $0.id < $1.id }
        let input = OverviewInput(jurisdiction: jurisdiction, generatedAt: now, acts: try acts.map(digestAct),
                                  completedWeeks: config.digest.overviewCompletedWeeks)
        let archive = archive(outputFolder)
        var written: [String] = []
        for language in languages {
            let rendered = try renderer.renderOverview(input, language: language)
            written += try archive.writeOverview(rendered, jurisdiction: jurisdiction, language: language,
                                                 isDefaultLanguage: language == config.digest.languages.first, generatedAt: now).map(\.path)
        }
        return written
    }

    /// The input of one week's digest: acts with an event that happened in that week (by the document's
    /// date; by when it was seen when the document has none), from national sources (weekly) or EU
    /// sources (eu). The digest's date is its latest event, so the same database and week always give
    /// the same files.
    public func weeklyInput(kind: DigestKind, week: ISOWeek) throws -> WeeklyDigestInput {
        let start = week.start(in: config.timeZone)
        let end = week.end(in: config.timeZone)
        let events = try store.events(happenedFrom: start, to: end)
        let actIDs = Set(events.map(\.actID))
        var acts: [DigestAct] = []
        for id in actIDs.sorted() {
            guard let act = try store.act(id: id) else { continue }
            guard (act.jurisdiction == "eu") == (kind == .eu) else { continue }
            acts.append(try digestAct(act))
        }
        let generatedAt = events.filter { actIDs.contains($0.actID) }.map { min($0.eventDate ?? $0.observedAt, $0.observedAt) }.max() ?? start
        let problems = try store.sourceStates().filter { state in
            state.consecutiveFailures > 0 && (state.jurisdiction == "eu") == (kind == .eu)
        }.map {
            SourceProblem(sourceName: $0.name, lastError: $0.lastError ?? "unknown error",
                          consecutiveFailures: $0.consecutiveFailures, lastSuccess: $0.lastSuccess, nextAttempt: $0.nextAttempt)
        }
        return WeeklyDigestInput(kind: kind, week: week, generatedAt: generatedAt, acts: acts, problems: problems)
    }

    /// A stored act as the digests show it.
    func digestAct(_ act: StoredAct) throws -> DigestAct {
        let events = try store.events(actID: act.id)
        let sources = try store.sourceIDs(actID: act.id)
        var links: [String] = []
        for link in [act.link] + events.map(\.url) {
            if let link, !links.contains(link) { links.append(link) }
        }
        return DigestAct(
            id: String(act.id), title: act.title, jurisdiction: act.jurisdiction, phase: act.phase,
            phaseSince: act.phaseSince, lastChange: act.lastChanged,
            identifiers: act.identifiers.map { $0.scheme == "citation" ? $0.value : $0.description },
            links: links, sourceNames: sources.map { sourceNames[$0] ?? $0 },
            domains: act.domains.map { DigestDomain(id: $0.id, score: $0.score) },
            relevance: act.relevance, municipal: act.municipal, why: act.why,
            timeline: events.map {
                DigestEvent(phase: $0.phase, phaseRaw: $0.phaseRaw, date: $0.eventDate ?? $0.observedAt,
                            sourceName: sourceNames[$0.sourceID] ?? $0.sourceID, url: $0.url)
            })
    }

    func makeRenderer() throws -> DigestRenderer {
        try DigestRenderer(templatesDirectory: URL(fileURLWithPath: config.templatesFolder),
                           labelsFile: URL(fileURLWithPath: config.labelsFile), timeZone: config.timeZone)
    }

    private func archive(_ folder: String? = nil) -> DigestArchive {
        DigestArchive(outputDirectory: URL(fileURLWithPath: folder ?? config.outputFolder), siteURL: config.digest.siteURL)
    }
}
