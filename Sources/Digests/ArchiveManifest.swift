import Foundation

/// What the archive folder holds, kept in `archive.json` beside the digests so the index and the Atom
/// feed can be rebuilt deterministically (titles, languages, dates) without parsing HTML.
struct ArchiveManifest: Codable, Sendable, Equatable {
    /// One written digest in one language.
    struct Entry: Codable, Sendable, Equatable {
        /// `weekly`, `eu` or `overview`.
        var kind: String
        /// The ISO week, or the jurisdiction of an overview (empty for all).
        var period: String
        var language: String
        var isDefaultLanguage: Bool
        /// The HTML file name; the text file has the same stem.
        var html: String
        var text: String
        var title: String
        var heading: String
        var summary: String
        var generatedAt: Date
    }

    static let fileName = "archive.json"

    var entries: [Entry] = []

    /// Reads the manifest of `folder`; an absent or unreadable one counts as empty (it is rebuilt as
    /// digests are written).
    static func load(from folder: URL) -> ArchiveManifest {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(fileName)) else { return ArchiveManifest() }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return (try? decoder.decode(ArchiveManifest.self, from: data)) ?? ArchiveManifest()
    }

    /// Adds or replaces the entry of the same HTML file.
    mutating func record(_ entry: Entry) {
        entries.removeAll { $0.html == entry.html }
        entries.append(entry)
        entries.sort { $0.html < $1.html }
    }

    /// Writes the manifest atomically, with sorted keys so it is byte-stable.
    func save(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        try AtomicFile.write(try encoder.encode(self), to: folder.appendingPathComponent(Self.fileName))
    }
}
