import Foundation

/// The lines `run --once` prints: one per source, then a total.
public enum RunSummary {
    /// Human-readable summary lines of a run.
    public static func lines(_ report: RunReport) -> [String] {
        let width = max(12, report.outcomes.map(\.sourceID.count).max() ?? 0)
        var lines: [String] = []
        for outcome in report.outcomes {
            let name = outcome.sourceID.padding(toLength: width, withPad: " ", startingAt: 0)
            switch outcome.status {
            case .failed:
                lines.append("\(name)  FAILED     \(outcome.error ?? "unknown error")" +
                             (outcome.nextAttempt.map { " (next attempt \($0.formatted(.iso8601)))" } ?? ""))
            case .notDue:
                lines.append("\(name)  not due    next \(outcome.nextAttempt?.formatted(.iso8601) ?? "-")")
            default:
                let stored = outcome.stored
                let what = outcome.notModified ? "unchanged  (not modified)"
                    : "\(outcome.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  acts new \(stored.new), updated \(stored.updated), unchanged \(stored.unchanged)"
                let warn = outcome.warnings.isEmpty ? "" : "  warning: " + outcome.warnings.joined(separator: "; ")
                lines.append("\(name)  \(what)  \(formatBytes(outcome.bytes))\(warn)")
            }
        }
        let totals = report.totals
        let ran = report.outcomes.filter { $0.status != .notDue }.count
        lines.append("total: \(ran) sources — \(report.fetched) fetched, \(report.notModified) unchanged, \(report.failed) failed; "
                     + "acts new \(totals.new), updated \(totals.updated), unchanged \(totals.unchanged); "
                     + "\(formatBytes(report.bytes)) in \(String(format: "%.2f", report.seconds)) s")
        if !report.writtenFiles.isEmpty {
            lines.append("written: \(report.writtenFiles.count) digest files in \(Set(report.writtenFiles.map { ($0 as NSString).deletingLastPathComponent }).sorted().joined(separator: ", "))")
        }
        return lines
    }

    static func formatBytes(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? String(format: "%.1f MB", Double(bytes) / 1_048_576)
            : bytes >= 1024 ? String(format: "%.1f KB", Double(bytes) / 1024) : "\(bytes) B"
    }
}
