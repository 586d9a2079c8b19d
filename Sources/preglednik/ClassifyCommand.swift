import ArgumentParser
import Foundation
import Classification
import Pipeline

/// `preglednik classify --json`: JSON lines in, one classification per line out.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify acts read as JSON lines on standard input: phase, municipal relevance, domains, why.",
        discussion: """
            Input, one object per line: {"title", "summary"?, "source"?, "jurisdiction"?, "language"?, "phase_raw"?}.
            Output, one line per input: {"phase", "municipal", "relevance", "domains": [{"id","score"}], "why": [...]}.
            A line that cannot be read gives {"error": "..."} so lines stay aligned.
            """)

    @OptionGroup var options: CommonOptions

    @Flag(name: .long, help: "JSON lines in and out (the stable contract; the only mode).")
    var json = false

    func run() throws {
        let config: PreglednikConfig
        let classifier: Classifier
        do {
            config = try PreglednikConfig.loadOrDefaults(file: options.config)
            classifier = try config.loadClassifier()
        } catch {
            FileHandle.standardError.write(Data("preglednik: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let sources = Dictionary(((try? SourceDefinition.loadAll(folder: config.feedsFolder)) ?? []).map { ($0.id, $0) },
                                 uniquingKeysWith: { first, _ in first })
        let now = Date()
        var output = Data()
        while let line = readLine(strippingNewline: true) {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            output.append(contentsOf: ClassifyLine.process(line, classifier: classifier, sources: sources, now: now).utf8)
            output.append(0x0A)
            if output.count > 1 << 16 {
                FileHandle.standardOutput.write(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(output)
    }
}
