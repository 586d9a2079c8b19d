import ArgumentParser

/// The `preglednik` command line: a thin layer over the pipeline modules, one subcommand per file.
@main
struct Preglednik: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preglednik",
        abstract: "Legislation monitoring for associations of municipalities.",
        subcommands: [
            // Each subcommand lives in its own file in this folder.
        ]
    )
}
