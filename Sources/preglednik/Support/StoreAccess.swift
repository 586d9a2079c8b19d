import Foundation
import Pipeline
import Storage

/// Opens the configured database for a read or write command.
func openStore(_ config: PreglednikConfig) throws -> ActStore {
    do {
        return try ActStore(path: config.databasePath)
    } catch {
        throw Failure.storage("cannot open the database \(config.databasePath): \(error)")
    }
}

/// Parses a `--since` date: `2026-11-20` (local midnight in the configured zone) or a full ISO 8601 instant.
func parseSince(_ text: String?, timeZone: TimeZone) throws -> Date? {
    guard let text else { return nil }
    if let instant = try? Date(text, strategy: .iso8601) { return instant }
    let parts = text.split(separator: "-").compactMap { Int($0) }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    if parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) {
        return date
    }
    throw Failure.input("--since '\(text)' is not a date; write 2026-11-20 or 2026-11-20T08:00:00Z")
}

/// Parses an act id as printed by `acts` (a number, optionally with a leading `A`).
func parseActID(_ text: String) throws -> Int64 {
    let digits = text.hasPrefix("A") || text.hasPrefix("a") ? String(text.dropFirst()) : text
    guard let id = Int64(digits) else { throw Failure.input("'\(text)' is not an act id; `preglednik acts` lists them") }
    return id
}

/// The configuration and a digest publisher over the configured database and sources.
func openPublisher(_ options: CommonOptions) throws -> (PreglednikConfig, DigestPublisher) {
    let config = try options.loadConfig()
    let store = try openStore(config)
    let definitions: [SourceDefinition]
    do { definitions = try SourceDefinition.loadAll(folder: config.feedsFolder) } catch { throw Failure.config("\(error)") }
    return (config, DigestPublisher(config: config, store: store, definitions: definitions))
}
