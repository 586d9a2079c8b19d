import ArgumentParser
import Foundation
import Logging
import Pipeline
import Synchronization

/// Options every command that reads the configuration shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file.")
    var config = "config/preglednik.toml"

    @Option(name: .long, help: "Log format: text, json, or auto (text on a terminal, JSON otherwise).")
    var logFormat: String = "auto"

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical (default: `log_level` in the configuration, else info).")
    var logLevel: String?

    func validate() throws {
        guard LineLogHandler.Format(rawValue: logFormat) != nil else {
            throw ValidationError("--log-format must be text, json or auto")
        }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    /// Loads the configuration, turning errors into a clear message and exit code 2.
    func loadConfig() throws -> PreglednikConfig {
        do {
            return try PreglednikConfig.load(file: config)
        } catch {
            throw Failure.config("\(error)")
        }
    }

    /// Sets up logging once and returns the command's logger.
    /// - Parameter configuration: the loaded configuration, whose `log_level` applies when no flag is given.
    func makeLogger(_ label: String = "preglednik", configuration: PreglednikConfig?) -> Logger {
        let format = LineLogHandler.Format(rawValue: logFormat) ?? .auto
        let name = logLevel ?? configuration?.logLevel ?? "info"
        let level = Logger.Level(rawValue: name) ?? .info
        LoggingBootstrap.once(format: format, level: level)
        return Logger(label: label)
    }
}

/// swift-log may be bootstrapped only once per process.
enum LoggingBootstrap {
    private static let done = Mutex(false)

    static func once(format: LineLogHandler.Format, level: Logger.Level) {
        done.withLock { done in
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { LineLogHandler(label: $0, level: level, format: format) }
        }
    }
}
