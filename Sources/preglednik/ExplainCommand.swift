import ArgumentParser
import Classification
import Foundation
import Pipeline
import Storage

/// `preglednik explain ACT-ID`: why an act has its phase and relevance.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the classification of a stored act — phase, municipal relevance, domains and the evidence — as stored and under the current rules.")

    @OptionGroup var options: CommonOptions

    @Argument(help: "The act id (from `acts` or `search`).")
    var actID: String

    @Flag(name: .long, help: "Print JSON (the `classify --json` shape, plus the stored values).")
    var json = false

    func run() async throws {
        try await reportingFailures {
            let config = try options.loadConfig()
            let id = try parseActID(actID)
            let store = try openStore(config)
            guard let act = try store.act(id: id) else { throw Failure.notFound("no act with id \(id)") }
            let classifier: Classifier
            do { classifier = try config.loadClassifier() } catch { throw Failure.config("\(error)") }
            let sources = Dictionary(((try? SourceDefinition.loadAll(folder: config.feedsFolder)) ?? []).map { ($0.id, $0) },
                                     uniquingKeysWith: { first, _ in first })
            let source = sources[act.sourceID]
            let current = classifier.classify(ClassificationInput(
                title: act.title, summary: act.summary, source: act.sourceID, jurisdiction: act.jurisdiction,
                language: source?.language, phaseRaw: act.phaseRaw, sourceType: source?.sourceType,
                defaultPhase: source?.defaultPhase.flatMap(Phase.init(rawValue:)), inForce: act.inForce), now: Date())
            if json {
                let encoder = ActView.encoder()
                let stored = try ActView(act, store: store, withTimeline: true)
                let object = ExplainOutput(act: stored, current: ClassifyLine.Output(current, phaseRaw: act.phaseRaw))
                printLine(String(decoding: try encoder.encode(object), as: UTF8.self))
                return
            }
            printLine("A\(act.id)  \(act.title)")
            printLine("stored:  phase \(act.phase)\(act.phaseRaw.map { " (\"\($0)\")" } ?? ""), municipal \(act.municipal ? "yes" : "no"), relevance \(String(format: "%.2f", act.relevance))")
            printLine("         domains \(act.domains.map { "\($0.id) \(String(format: "%.2f", $0.score))" }.joined(separator: ", "))")
            for reason in act.why { printLine("         why: \(reason)") }
            printLine("current rules: phase \(current.phase.rawValue), municipal \(current.municipal ? "yes" : "no"), relevance \(String(format: "%.2f", current.relevance))")
            printLine("         domains \(current.domains.map { "\($0.id) \(String(format: "%.2f", $0.score))" }.joined(separator: ", "))")
            for reason in current.why { printLine("         why: \(reason)") }
        }
    }

    struct ExplainOutput: Encodable {
        var act: ActView
        var current: ClassifyLine.Output
    }
}
