import ArgumentParser
import Foundation
import Pipeline
import Storage

/// `preglednik show ACT-ID`: everything known about one act.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one act: identifiers, phase timeline, domains, why, links.")

    @OptionGroup var options: CommonOptions
    @Argument(help: "The act id (from `acts` or `search`).") var actID: String
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() async throws {
        try await reportingFailures {
            let config = try options.loadConfig()
            let store = try openStore(config)
            let id = try parseActID(actID)
            guard let act = try store.act(id: id) else { throw Failure.notFound("no act with id \(id)") }
            let view = try ActView(act, store: store, withTimeline: true)
            if json {
                printLine(String(decoding: try ActView.encoder(pretty: true).encode(view), as: UTF8.self))
                return
            }
            printLine("A\(view.id)  \(view.title)")
            printLine("jurisdiction: \(view.jurisdiction)    type: \(view.actType ?? "-")")
            printLine("phase:        \(view.phase)\(view.phaseRaw.map { " (\"\($0)\")" } ?? "") since \(view.phaseSince.formatted(.iso8601))")
            if let inForce = view.inForce { printLine("in force:     \(inForce.formatted(.iso8601))") }
            printLine("municipal:    \(view.municipal ? "yes" : "no"), relevance \(String(format: "%.2f", view.relevance))")
            printLine("domains:      \(view.domains.map { "\($0.id) (\(String(format: "%.2f", $0.score)))" }.joined(separator: ", "))")
            printLine("identifiers:  \(view.identifiers.map { "\($0.scheme) \($0.value)" }.joined(separator: "; "))")
            printLine("sources:      \(view.sources.joined(separator: ", "))")
            if let link = view.link { printLine("link:         \(link)") }
            if let summary = view.summary { printLine("summary:      \(summary)") }
            for reason in view.why { printLine("why:          \(reason)") }
            printLine("timeline:")
            for event in view.timeline ?? [] {
                printLine("  \((event.date ?? event.observedAt).formatted(.iso8601))  \(event.phase)\(event.phaseRaw.map { " (\"\($0)\")" } ?? "")  [\(event.source)]\(event.url.map { "  \($0)" } ?? "")")
            }
        }
    }
}
