import ArgumentParser

/// The `preglednik` command line: a thin layer over the pipeline modules, one subcommand per file.
@main
struct Preglednik: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preglednik",
        abstract: "Legislation monitoring for associations of municipalities.",
        subcommands: [
            RunCommand.self, DaemonCommand.self, StatusCommand.self, CheckCommand.self,
            ActsCommand.self, SearchCommand.self, ShowCommand.self, ExplainCommand.self, ExportCommand.self,
            DigestCommand.self, OverviewCommand.self, MailCommand.self,
            ParseCommand.self, ClassifyCommand.self,
        ]
    )
}
