import Classification
import ConfigFiles
import FeedParsing
import Fetching
import Foundation
import Logging
import Storage

/// One pass of the whole job: fetch every due source, parse, classify, store, then refresh the digests.
///
/// Sources are fetched concurrently (one libcurl multi loop); each source's document is then parsed,
/// classified and stored in its own transaction, so a broken source is recorded and reported while
/// the others complete, and a crash never leaves half a source in the database.
public struct PipelineRunner: Sendable {
    /// The configuration of this run.
    public let config: PreglednikConfig
    private let logger: Logger

    /// Creates a runner.
    public init(config: PreglednikConfig, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    /// Runs the job once.
    /// - Parameters:
    ///   - now: the run's clock (tests pass a fixed date).
    ///   - force: fetch every source even if it is not due.
    ///   - onlySources: restrict to these ids (empty: all enabled sources, or `sources` from the config).
    ///   - writeDigests: refresh this week's digests and the overview afterwards.
    /// - Throws: ``RunLockError`` when another run holds the lock, ``ConfigError`` for a bad
    ///   definition or rule file, storage errors when the database cannot be opened.
    public func runOnce(now: Date = Date(), force: Bool = false, onlySources: [String] = [],
                        writeDigests: Bool = true) async throws -> RunReport {
        let started = Date()
        let lock = try RunLock(path: config.databasePath + ".lock")
        defer { withExtendedLifetime(lock) {} }

        let definitions = try selectedSources(onlySources)
        let classifier = try loadClassifier()
        let store = try ActStore(path: config.databasePath)
        let runID = try recordRunStart(store, at: now)
        for definition in definitions {
            try store.registerSource(id: definition.id, name: definition.name, jurisdiction: definition.jurisdiction)
        }
        let states = Dictionary(uniqueKeysWithValues: try store.sourceStates().map { ($0.id, $0) })

        var outcomes: [SourceOutcome] = []
        var due: [SourceDefinition] = []
        for definition in definitions {
            let state = states[definition.id]
            if SourceSchedule.isDue(definition, state: state, now: now, force: force || config.offline) {
                due.append(definition)
            } else {
                outcomes.append(SourceOutcome(sourceID: definition.id, sourceName: definition.name, status: .notDue,
                                              stored: IngestSummary(), error: nil, warnings: [], notModified: false,
                                              bytes: 0, seconds: 0, nextAttempt: state?.nextAttempt))
            }
        }

        logger.info("fetching \(due.count) of \(definitions.count) sources", metadata: ["offline": "\(config.offline)"])
        let fetched = await fetchAll(due, states: states)
        let assembler = ItemAssembler(classifier: classifier)
        for (definition, result) in fetched {
            let outcome = process(definition, result: result, state: states[definition.id],
                                  store: store, assembler: assembler, now: now)
            outcomes.append(outcome)
        }
        outcomes.sort { $0.sourceID < $1.sourceID }

        var report = RunReport(outcomes: outcomes, writtenFiles: [], digestErrors: [], seconds: 0)
        if writeDigests {
            let publisher = DigestPublisher(config: config, store: store, definitions: try allSources())
            do {
                report.writtenFiles = try publisher.publishCurrent(now: now)
            } catch {
                report.digestErrors.append("\(error)")
                logger.error("digests not written: \(error)")
            }
        }
        report.seconds = Date().timeIntervalSince(started)
        try? recordRunEnd(store, runID: runID, report: report, at: Date())
        return report
    }

    // MARK: - Steps

    private func allSources() throws -> [SourceDefinition] {
        try SourceDefinition.loadAll(folder: config.feedsFolder)
    }

    private func selectedSources(_ only: [String]) throws -> [SourceDefinition] {
        let all = try allSources()
        let wanted = only.isEmpty ? config.onlySources : only
        if wanted.isEmpty { return all.filter(\.enabled) }
        let known = Set(all.map(\.id))
        if let unknown = wanted.first(where: { !known.contains($0) }) {
            throw ConfigError(file: config.feedsFolder, key: "sources",
                              message: "no source with id '\(unknown)'; known ids: \(all.map(\.id).joined(separator: ", "))")
        }
        return all.filter { wanted.contains($0.id) }
    }

    private func loadClassifier() throws -> Classifier {
        try config.loadClassifier()
    }

    /// The address a source is read from in this run.
    func fetchURL(for definition: SourceDefinition) -> Result<String, FetchError> {
        guard config.offline else { return .success(definition.url) }
        guard let sample = definition.samplePath else {
            return .failure(FetchError(code: .fileNotFound, message: "offline mode, but \(definition.file) names no `sample`"))
        }
        return .success(URL(fileURLWithPath: sample).absoluteString)
    }

    /// Fetches every source in one batch on the libcurl multi loop (global and per-host limits apply);
    /// a source whose address cannot be built fails on its own.
    private func fetchAll(_ sources: [SourceDefinition],
                          states: [String: SourceState]) async -> [(SourceDefinition, Result<FetchResponse, FetchError>)] {
        let fetcher = HTTPFetcher(settings: config.fetch)
        defer { fetcher.shutdown() }
        var results = [Result<FetchResponse, FetchError>?](repeating: nil, count: sources.count)
        var requests: [FetchRequest] = []
        var requestIndex: [Int] = []
        for (index, definition) in sources.enumerated() {
            switch fetchURL(for: definition) {
            case .failure(let error):
                results[index] = .failure(error)
            case .success(let url):
                let state = states[definition.id]
                requests.append(FetchRequest(url: url, etag: state?.etag, lastModified: state?.lastModified))
                requestIndex.append(index)
            }
        }
        for (position, result) in (await fetcher.fetchAll(requests)).enumerated() {
            results[requestIndex[position]] = result
        }
        return zip(sources, results).map { ($0, $1 ?? .failure(FetchError(code: .transfer, message: "\($0.id): not fetched"))) }
    }

    private func process(_ definition: SourceDefinition, result: Result<FetchResponse, FetchError>,
                         state: SourceState?, store: ActStore, assembler: ItemAssembler, now: Date) -> SourceOutcome {
        var outcome = SourceOutcome(sourceID: definition.id, sourceName: definition.name, status: .failed,
                                    stored: IngestSummary(), error: nil, warnings: [], notModified: false,
                                    bytes: 0, seconds: 0, nextAttempt: nil)
        let source = Logger.MetadataValue.string(definition.id)
        let nextRegular = now.addingTimeInterval(definition.intervalSeconds)
        do {
            let response: FetchResponse
            switch result {
            case .failure(let error):
                outcome.nextAttempt = recordFailure(definition, message: "fetch: \(error.message)",
                                                    retryAfter: error.retryAfterSeconds, store: store, now: now)
                outcome.error = "fetch: \(error.message)"
                logger.error("\(outcome.error!)", metadata: ["source": source])
                return outcome
            case .success(let value):
                response = value
            }
            outcome.bytes = response.bytesOnWire
            outcome.seconds = response.seconds
            let bodyHash = ContentHash.of(bytes: response.body)
            if response.notModified || (state?.bodyHash == bodyHash && state?.lastError == nil) {
                try store.recordFetchSuccess(sourceID: definition.id, etag: response.etag ?? state?.etag,
                                             lastModified: response.lastModified ?? state?.lastModified,
                                             bodyHash: nil, at: now, nextAttempt: nextRegular)
                outcome.status = .unchanged
                outcome.notModified = true
                outcome.nextAttempt = nextRegular
                return outcome
            }
            // The pipeline reads typed fields only; the feedparser-style extras are for `parse --json`.
            let options = FeedParseOptions(documentURL: definition.url, contentType: response.contentType,
                                           defaultEncoding: definition.defaultEncoding, includeExtras: false)
            let feed: ParsedFeed
            do {
                feed = try FeedParser.parse(response.body, kind: definition.kind, selectors: definition.xpath, options: options)
            } catch {
                let message = "parse: \(error.description)"
                outcome.error = message
                outcome.nextAttempt = recordFailure(definition, message: message, retryAfter: nil, store: store, now: now)
                logger.error("\(message)", metadata: ["source": source])
                return outcome
            }
            if feed.bozo { outcome.warnings.append("document was not well-formed and was recovered: \(feed.bozoException ?? "?")") }
            outcome.warnings.append(contentsOf: feed.warnings)
            let (items, skipped) = assembler.items(from: feed, source: definition, now: now)
            if skipped > 0 { outcome.warnings.append("\(skipped) entries without a title were skipped") }
            if items.isEmpty && !feed.entries.isEmpty {
                outcome.warnings.append("no usable entries")
            }
            outcome.stored = try store.ingest(items, sourceID: definition.id, jurisdiction: definition.jurisdiction, now: now)
            try store.recordFetchSuccess(sourceID: definition.id, etag: response.etag, lastModified: response.lastModified,
                                         bodyHash: bodyHash, at: now, nextAttempt: nextRegular)
            outcome.status = outcome.stored.new > 0 ? .new : (outcome.stored.updated > 0 ? .updated : .unchanged)
            outcome.nextAttempt = nextRegular
            for warning in outcome.warnings { logger.warning("\(warning)", metadata: ["source": source]) }
            logger.info("stored: new \(outcome.stored.new), updated \(outcome.stored.updated), unchanged \(outcome.stored.unchanged)",
                        metadata: ["source": source])
        } catch {
            let message = "store: \(error)"
            outcome.status = .failed
            outcome.error = message
            outcome.nextAttempt = recordFailure(definition, message: message, retryAfter: nil, store: store, now: now)
            logger.error("\(message)", metadata: ["source": source])
        }
        return outcome
    }

    /// Records a failure with exponential backoff (or the server's Retry-After) and returns the next attempt.
    private func recordFailure(_ definition: SourceDefinition, message: String, retryAfter: Int?,
                               store: ActStore, now: Date) -> Date? {
        var next: Date?
        let policy = config.retry
        _ = try? store.recordFetchFailure(sourceID: definition.id, error: message, at: now) { failures in
            let delay = policy.delaySeconds(consecutiveFailures: failures, retryAfterSeconds: retryAfter,
                                            jitter: Double.random(in: 0...1))
            let date = now.addingTimeInterval(delay)
            next = date
            return date
        }
        return next
    }

    private func recordRunStart(_ store: ActStore, at now: Date) throws -> Int64 {
        try store.database.run("INSERT INTO runs(started_at, outcome) VALUES (?, 'running')", now.formatted(.iso8601))
        return try store.database.first("SELECT last_insert_rowid()")?.integer(0) ?? 0
    }

    private func recordRunEnd(_ store: ActStore, runID: Int64, report: RunReport, at date: Date) throws {
        let totals = report.totals
        let summary = "new \(totals.new), updated \(totals.updated), unchanged \(totals.unchanged), failed sources \(report.failed), bytes \(report.bytes)"
        try store.database.run("UPDATE runs SET finished_at = ?, outcome = ?, summary = ? WHERE id = ?",
                               date.formatted(.iso8601), report.failed == 0 ? "ok" : "partial", summary, runID)
    }
}
