import ArgumentParser
import Foundation
import Pipeline

/// `preglednik check`: validate without fetching.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration, source definitions, rules and templates without fetching (exit 2 on any error).")

    @OptionGroup var options: CommonOptions

    func run() throws {
        let findings = ConfigCheck.run(configFile: options.config)
        for finding in findings { printLine(finding.description) }
        let errors = findings.filter { !$0.ok }.count
        printLine(errors == 0 ? "all good" : "\(errors) error(s)")
        if errors > 0 { throw ExitCode(2) }
    }
}
