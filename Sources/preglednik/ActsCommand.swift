import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `preglednik acts`: stored acts, most recently changed first.
struct ActsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "acts", abstract: "List stored acts, most recently changed first.")

    @OptionGroup var options: CommonOptions
    @Option(name: .long, help: "Only acts in this phase (e.g. second-reading, published).") var phase: String?
    @Option(name: .long, help: "Only acts in this domain (e.g. local-finance).") var domain: String?
    @Option(name: .long, help: "Only this jurisdiction: si, rs, srpska, ba, eu.") var jurisdiction: String?
    @Option(name: .long, help: "Only acts changed since this date (2026-11-20 or an ISO 8601 instant).") var since: String?
    @Flag(name: .long, help: "Only acts that touch municipalities.") var municipal = false
    @Option(name: .long, help: "At most this many acts.") var limit: Int?
    @Flag(name: .long, help: "Print a JSON array.") var json = false

    func run() async throws {
        try await reportingFailures {
            let config = try options.loadConfig()
            let store = try openStore(config)
            let filter = ActFilter(phase: phase, domain: domain, jurisdiction: jurisdiction,
                                   since: try parseSince(since, timeZone: config.timeZone), municipalOnly: municipal, limit: limit)
            let acts = try store.acts(filter).map { try ActView($0, store: store, withTimeline: false) }
            try printActs(acts, json: json)
        }
    }
}

/// Prints acts as a JSON array or as one line each.
func printActs(_ acts: [ActView], json: Bool) throws {
    if json {
        printLine(String(decoding: try ActView.encoder().encode(acts), as: UTF8.self))
        return
    }
    for act in acts {
        let domains = act.domains.prefix(3).map(\.id).joined(separator: ",")
        printLine("A\(act.id)\t\(act.jurisdiction)\t\(act.phase)\t\(act.municipal ? "M" : "-") \(String(format: "%.2f", act.relevance))\t\(domains)\t\(act.title)")
    }
    if acts.isEmpty { printLine("(no acts)") }
}
