import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `preglednik status`: source health, database size and counts, the last run and digest.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each source's last success, last error, consecutive failures and next attempt; database counts; last run and digest.")

    @OptionGroup var options: CommonOptions
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() async throws {
        try await reportingFailures {
            let config = try options.loadConfig()
            let store = try openStore(config)
            let report = try StatusReport.gather(store: store, databasePath: config.databasePath)
            if json {
                printLine(String(decoding: try ActView.encoder(pretty: true).encode(report), as: UTF8.self))
            } else {
                for line in report.lines() { printLine(line) }
            }
        }
    }
}
