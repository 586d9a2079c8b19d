import ArgumentParser
import Digests
import Foundation
import Mail
import Pipeline
import Storage

/// `preglednik mail [--digest weekly|eu] [--week 2026-W47] [--dry-run DIR]`.
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "E-mail each member their personal weekly news and/or Europreglednik, filtered by their subscription.",
        discussion: """
            Members and subscriptions are in the file named by `[mail] members` (config/members.toml). \
            Each message is sent at most once: a re-run sends nothing the server already accepted, and \
            refused or failed messages are retried on a later run with backoff. With --dry-run the \
            messages are written as .eml files and nothing is sent or recorded.
            """)

    @OptionGroup var options: CommonOptions
    @Option(name: .long, help: "weekly or eu (default: both).") var digest: String?
    @Option(name: .long, help: "ISO week, e.g. 2026-W47 (default: the current week).") var week: String?
    @Option(name: .customLong("dry-run"), help: "Write the messages as .eml files into this folder instead of sending.") var dryRun: String?

    func validate() throws {
        if let digest, DigestKind(rawValue: digest) == nil { throw ValidationError("--digest is `weekly` or `eu`") }
        if let week, ISOWeek(string: week) == nil { throw ValidationError("--week must look like 2026-W47") }
    }

    func run() async throws {
        try await reportingFailures {
            let config = try options.loadConfig()
            let store = try openStore(config)
            let definitions: [SourceDefinition]
            do { definitions = try SourceDefinition.loadAll(folder: config.feedsFolder) } catch { throw Failure.config("\(error)") }
            let publisher: MailPublisher
            do {
                publisher = try MailPublisher(config: config, configFile: options.config, store: store, definitions: definitions)
            } catch {
                throw Failure.config("\(error)")
            }
            let target = week.flatMap(ISOWeek.init(string:)) ?? ISOWeek(containing: Date(), timeZone: config.timeZone)
            let kinds = digest.flatMap(DigestKind.init(rawValue:)).map { [$0] } ?? DigestKind.allCases
            var failed = 0
            for kind in kinds {
                let batch: MailPublisher.Batch
                do { batch = try publisher.batch(kind: kind, week: target) } catch { throw Failure.config("\(error)") }
                if let dryRun {
                    let files = try publisher.writeDryRun(batch, to: dryRun)
                    for file in files { printLine(file) }
                    printLine("\(kind.rawValue) \(target): \(files.count) messages written, \(batch.skipped.count) members with nothing this week")
                    continue
                }
                let report: DeliveryReport
                do { report = try publisher.send(batch) } catch { throw Failure.config("\(error)") }
                for result in report.results { printLine(result.line) }
                printLine("\(kind.rawValue) \(target): \(report.summary), \(batch.skipped.count) members with nothing this week")
                failed += report.failed
            }
            if failed > 0 { throw Failure.mail("\(failed) messages not delivered; they are queued and retried on the next run") }
        }
    }
}
