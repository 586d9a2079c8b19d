import Digests
import Foundation
import Logging
import Mail
import Storage

/// The daemon's mail step after the weekly digests: every subscriber's weekly news and Europreglednik.
public enum MailStage {
    /// Sends the week's personal messages when the configuration has a `[mail]` table; logs each result.
    /// Failures are logged, never thrown: the daemon keeps running and the ledger retries next time.
    public static func deliver(config: PreglednikConfig, configFile: String, week: ISOWeek, logger: Logger) async {
        do {
            let store = try ActStore(path: config.databasePath)
            let definitions = try SourceDefinition.loadAll(folder: config.feedsFolder)
            let publisher = try MailPublisher(config: config, configFile: configFile, store: store, definitions: definitions)
            for kind in DigestKind.allCases {
                let batch = try publisher.batch(kind: kind, week: week)
                let report = try await publisher.sendInBackground(batch)
                for result in report.results { logger.info("mail: \(result.line)") }
                logger.info("mail \(kind.rawValue) \(week): \(report.summary), \(batch.skipped.count) skipped (nothing for them)")
            }
        } catch {
            logger.error("mail for \(week) failed: \(error)")
        }
    }
}
