import Foundation
import Logging

/// Log lines on standard error: readable text on a terminal, one JSON object per line otherwise.
public struct LineLogHandler: LogHandler {
    /// Output format.
    public enum Format: String, Sendable, CaseIterable {
        case text, json
        /// Text on a terminal, JSON when redirected.
        case auto
    }

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let json: Bool

    /// Creates a handler.
    public init(label: String, level: Logger.Level, format: Format) {
        self.label = label
        self.logLevel = level
        switch format {
        case .text: json = false
        case .json: json = true
        case .auto: json = isatty(STDERR_FILENO) == 0
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let level = event.level
        let message = event.message
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let time = Date().formatted(.iso8601)
        let output: String
        if json {
            var object: [String: String] = ["time": time, "level": level.rawValue, "message": "\(message)", "logger": label]
            for (key, value) in merged { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            output = String(decoding: data, as: UTF8.self) + "\n"
        } else {
            let context = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            output = "\(time) \(level.rawValue.uppercased()) \(message)\(context)\n"
        }
        FileHandle.standardError.write(Data(output.utf8))
    }
}
