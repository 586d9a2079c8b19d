import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `preglednik export --format csv|json [--since DATE]`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export stored acts (with their phase history in JSON) to standard output.")

    @OptionGroup var options: CommonOptions
    @Option(name: .long, help: "csv or json.") var format: String
    @Option(name: .long, help: "Only acts changed since this date (2026-11-20 or an ISO 8601 instant).") var since: String?

    func validate() throws {
        guard ["csv", "json"].contains(format) else { throw ValidationError("--format must be csv or json") }
    }

    func run() async throws {
        try await reportingFailures {
            let config = try options.loadConfig()
            let store = try openStore(config)
            let acts = try store.acts(ActFilter(since: try parseSince(since, timeZone: config.timeZone)))
                .sorted { $0.id < $1.id }
                .map { try ActView($0, store: store, withTimeline: format == "json") }
            if format == "json" {
                printLine(String(decoding: try ActView.encoder(pretty: true).encode(acts), as: UTF8.self))
            } else {
                var output = CSVWriter.line(CSVWriter.actHeader)
                for act in acts { output += CSVWriter.line(CSVWriter.record(act)) }
                FileHandle.standardOutput.write(Data(output.utf8))
            }
        }
    }
}
