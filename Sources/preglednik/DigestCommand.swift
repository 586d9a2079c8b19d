import ArgumentParser
import Digests
import Foundation
import Pipeline

/// `preglednik digest weekly|eu [--week 2026-W47] [--lang sl] [--out DIR]`.
struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Write the weekly news (national sources) or Europreglednik (EU sources) for an ISO week, as HTML and text.")

    @OptionGroup var options: CommonOptions
    @Argument(help: "weekly or eu.") var kind: String
    @Option(name: .long, help: "ISO week, e.g. 2026-W47 (default: the current week).") var week: String?
    @Option(name: .long, help: "Language: sl, sr-Latn, sr-Cyrl, bs, en (default: the configured languages).") var lang: String?
    @Option(name: .long, help: "Output folder (default: the configured one).") var out: String?

    func validate() throws {
        guard DigestKind(rawValue: kind) != nil else { throw ValidationError("the digest is `weekly` or `eu`") }
        if let week, ISOWeek(string: week) == nil { throw ValidationError("--week must look like 2026-W47") }
        if let lang, !DigestRenderer.languages.contains(lang) {
            throw ValidationError("--lang must be one of \(DigestRenderer.languages.joined(separator: ", "))")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let (config, publisher) = try openPublisher(options)
            let target = week.flatMap(ISOWeek.init(string:)) ?? ISOWeek(containing: Date(), timeZone: config.timeZone)
            do {
                let files = try publisher.publish(kind: DigestKind(rawValue: kind)!, week: target,
                                                  languages: lang.map { [$0] } ?? config.digest.languages,
                                                  outputFolder: out ?? config.outputFolder)
                if files.isEmpty { printLine("nothing written: the week is empty and `digest.empty_week` is \"skip\"") }
                for file in files { printLine(file) }
            } catch {
                throw Failure.digest("\(error)")
            }
        }
    }
}
