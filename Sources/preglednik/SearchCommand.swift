import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `preglednik search QUERY`: full-text search over titles and summaries.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search over titles and summaries; diacritics and script do not matter (\"obcina\" finds \"občina\" and \"општина\").")

    @OptionGroup var options: CommonOptions
    @Argument(help: "Words to find (all must match; each matches as a prefix).") var query: [String]
    @Option(name: .long, help: "At most this many results.") var limit = 50
    @Flag(name: .long, help: "Print a JSON array.") var json = false

    func run() async throws {
        try await reportingFailures {
            let config = try options.loadConfig()
            let store = try openStore(config)
            let acts = try store.search(query.joined(separator: " "), limit: limit).map { try ActView($0, store: store, withTimeline: false) }
            try printActs(acts, json: json)
        }
    }
}
