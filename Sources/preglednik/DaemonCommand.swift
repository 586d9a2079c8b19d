import ArgumentParser
import Foundation
import Pipeline

/// `preglednik daemon`: the scheduled loop (the alternative to cron).
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Run on the configured schedule: sources by their `schedule`, the weekly digests on `[daemon] digest_day`/`digest_time`.",
        discussion: "SIGHUP reloads the configuration and source definitions; SIGTERM or SIGINT stop after the step in progress (exit 0).")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        // The daemon reads its configuration itself (and again on SIGHUP); an unreadable file is logged there.
        let logger = options.makeLogger(configuration: try? PreglednikConfig.load(file: options.config))
        let control = DaemonControl()
        control.installSignalHandlers()
        let configFile = options.config
        let code = await Daemon(configFile: configFile, control: control, logger: logger, afterWeeklyDigest: { config, week in
            guard config.mailConfigured else { return }
            await MailStage.deliver(config: config, configFile: configFile, week: week, logger: logger)
        }).run()
        if code != 0 { throw ExitCode(code) }
    }
}
