import ArgumentParser
import Foundation

/// Errors that end a command, each with a stable exit code (documented in the README).
enum Failure: Error, CustomStringConvertible {
    /// Some sources failed; the others completed (exit 1).
    case partial(String)
    /// The configuration, a source definition, a rule or a template is invalid (exit 2).
    case config(String)
    /// Another run holds the lock (exit 3).
    case busy(String)
    /// The database cannot be opened or written (exit 4).
    case storage(String)
    /// Digests could not be written (exit 5).
    case digest(String)
    /// A document could not be read or parsed (exit 6).
    case input(String)
    /// Nothing matched (exit 7): an unknown act id.
    case notFound(String)
    /// Some e-mails were refused or could not be sent; they are queued for a retry (exit 8).
    case mail(String)

    var description: String {
        switch self {
        case .partial(let text), .config(let text), .busy(let text), .storage(let text),
             .digest(let text), .input(let text), .notFound(let text), .mail(let text):
            text
        }
    }

    var exitCode: Int32 {
        switch self {
        case .partial: 1
        case .config: 2
        case .busy: 3
        case .storage: 4
        case .digest: 5
        case .input: 6
        case .notFound: 7
        case .mail: 8
        }
    }
}

/// Runs a command body; a ``Failure`` is printed to standard error and becomes its exit code.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as Failure {
        FileHandle.standardError.write(Data("preglednik: \(failure.description)\n".utf8))
        throw ExitCode(failure.exitCode)
    }
}

/// Writes a line to standard output.
func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
