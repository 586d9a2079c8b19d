import ArgumentParser
import ConfigFiles
import Foundation
import Pipeline

/// `preglednik run --once`: the cron job.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Fetch every due source, parse, classify, store, and refresh this week's digests.",
        discussion: "Exit codes: 0 all sources ok, 1 some sources failed (the others completed), 2 configuration error, 3 another run in progress, 4 database error, 5 digests not written.")

    @OptionGroup var options: CommonOptions

    @Flag(name: .long, help: "Run one pass and exit (the cron job). The scheduled loop is `preglednik daemon`.")
    var once = false

    @Flag(name: .long, help: "Fetch every selected source even if it is not due.")
    var force = false

    @Option(name: .customLong("source"), help: "Only this source id (repeatable).")
    var sources: [String] = []

    @Flag(name: .long, help: "Do not write digests after fetching.")
    var noDigests = false

    func validate() throws {
        guard once else { throw ValidationError("use `run --once` for a single pass (cron), or `preglednik daemon` for the scheduled loop") }
    }

    func run() async throws {
        try await reportingFailures {
            let config = try options.loadConfig()
            let logger = options.makeLogger(configuration: config)
            let report: RunReport
            do {
                report = try await PipelineRunner(config: config, logger: logger)
                    .runOnce(force: force, onlySources: sources, writeDigests: !noDigests)
            } catch let error as RunLockError {
                throw Failure.busy(error.description)
            } catch let error as ConfigError {
                throw Failure.config(error.description)
            } catch {
                throw Failure.storage("\(error)")
            }
            for line in RunSummary.lines(report) { printLine(line) }
            if !report.digestErrors.isEmpty { throw Failure.digest("digests not written: " + report.digestErrors.joined(separator: "; ")) }
            if report.failed > 0 { throw Failure.partial("\(report.failed) source(s) failed; see the lines above") }
        }
    }
}
