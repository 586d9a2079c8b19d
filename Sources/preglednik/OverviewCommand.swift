import ArgumentParser
import Foundation
import Pipeline

/// `preglednik overview [--jurisdiction J] [--out DIR]`: the standing Preglednik.
struct OverviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract: "Write the standing overview: every act still in procedure by phase, then what completed recently.")

    @OptionGroup var options: CommonOptions
    @Option(name: .long, help: "Only this jurisdiction: si, rs, srpska, ba, eu.") var jurisdiction: String?
    @Option(name: .long, help: "Output folder (default: the configured one).") var out: String?
    @Option(name: .long, help: "Language (default: the configured languages).") var lang: String?

    func validate() throws {
        if let jurisdiction, !["si", "rs", "srpska", "ba", "eu"].contains(jurisdiction) {
            throw ValidationError("--jurisdiction must be si, rs, srpska, ba or eu")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let (config, publisher) = try openPublisher(options)
            do {
                let files = try publisher.publishOverview(jurisdiction: jurisdiction, languages: lang.map { [$0] } ?? config.digest.languages,
                                     now: Date(), outputFolder: out ?? config.outputFolder)
                for file in files { printLine(file) }
            } catch {
                throw Failure.digest("\(error)")
            }
        }
    }
}
