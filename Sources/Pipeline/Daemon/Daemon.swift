import Digests
import Foundation
import Logging
import Storage

/// `preglednik daemon`: keeps its own schedule — each source by its `schedule` (and backoff when
/// failing), the weekly digests on the configured day and time — survives source failures, reloads
/// its configuration on SIGHUP and stops gracefully on SIGTERM or SIGINT.
public struct Daemon: Sendable {
    private let configFile: String
    private let control: DaemonControl
    private let logger: Logger
    /// Runs after the weekly digests are written (the mail stage hooks in here).
    private let afterWeeklyDigest: @Sendable (PreglednikConfig, ISOWeek) async -> Void

    /// Creates a daemon.
    public init(configFile: String, control: DaemonControl, logger: Logger,
                afterWeeklyDigest: @escaping @Sendable (PreglednikConfig, ISOWeek) async -> Void = { _, _ in }) {
        self.configFile = configFile
        self.control = control
        self.logger = logger
        self.afterWeeklyDigest = afterWeeklyDigest
    }

    /// Runs until a stop is requested. Returns the process exit code: 0 after a graceful stop,
    /// 2 when the configuration cannot be read at start.
    public func run() async -> Int32 {
        var config: PreglednikConfig
        do {
            config = try PreglednikConfig.load(file: configFile)
        } catch {
            logger.critical("cannot start: \(error)")
            return 2
        }
        logger.info("daemon started", metadata: ["config": .string(configFile), "pid": "\(getpid())"])
        while !control.stopRequested {
            if control.takeReload() {
                do {
                    config = try PreglednikConfig.load(file: configFile)
                    logger.info("configuration reloaded")
                } catch {
                    // Keep running on the last good configuration; the error names file and line.
                    logger.error("reload failed, keeping the previous configuration: \(error)")
                }
            }
            await cycle(config)
            await control.sleep(seconds: config.daemon.pollSeconds)
        }
        logger.info("daemon stopped")
        return 0
    }

    /// One look: fetch what is due, then the weekly digest if its time has come this week.
    private func cycle(_ config: PreglednikConfig) async {
        let now = Date()
        do {
            let report = try await PipelineRunner(config: config, logger: logger).runOnce(now: now, writeDigests: true)
            let ran = report.outcomes.filter { $0.status != .notDue }
            if !ran.isEmpty {
                for line in RunSummary.lines(report) { logger.info("\(line)") }
            }
        } catch let error as RunLockError {
            logger.warning("\(error.description)")
            return
        } catch {
            logger.error("run failed: \(error)")
            return
        }
        guard !control.stopRequested else { return }
        do {
            try await weeklyDigestIfDue(config, now: now)
        } catch {
            logger.error("weekly digest failed: \(error)")
        }
    }

    /// The weekly job runs once per ISO week, at or after the configured day and time.
    private func weeklyDigestIfDue(_ config: PreglednikConfig, now: Date) async throws {
        let week = ISOWeek(containing: now, timeZone: config.timeZone)
        guard now >= Self.digestTime(of: week, config: config) else { return }
        let store = try ActStore(path: config.databasePath)
        try store.database.execute("""
            CREATE TABLE IF NOT EXISTS scheduled_jobs (job TEXT NOT NULL, period TEXT NOT NULL, done_at TEXT NOT NULL,
                                                       PRIMARY KEY (job, period))
            """)
        guard try store.database.first("SELECT 1 FROM scheduled_jobs WHERE job = 'weekly' AND period = ?", week.description) == nil else {
            return
        }
        let publisher = DigestPublisher(config: config, store: store, definitions: try SourceDefinition.loadAll(folder: config.feedsFolder))
        var files: [String] = []
        for kind in DigestKind.allCases {
            files += try publisher.publish(kind: kind, week: week, languages: config.digest.languages)
        }
        logger.info("weekly digests for \(week) written: \(files.count) files")
        await afterWeeklyDigest(config, week)
        try store.database.run("INSERT INTO scheduled_jobs(job, period, done_at) VALUES ('weekly', ?, ?)",
                               week.description, Date().formatted(.iso8601))
    }

    /// The configured digest day and time within a week, in the configured zone.
    static func digestTime(of week: ISOWeek, config: PreglednikConfig) -> Date {
        let start = week.start(in: config.timeZone)  // Monday 00:00
        // Calendar weekday 2 = Monday … 7 = Saturday, 1 = Sunday (the last day of an ISO week).
        let dayOffset = (config.daemon.digestWeekday + 5) % 7
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.timeZone
        let day = calendar.date(byAdding: .day, value: dayOffset, to: start) ?? start
        return calendar.date(byAdding: .minute, value: config.daemon.digestMinute, to: day) ?? day
    }
}
