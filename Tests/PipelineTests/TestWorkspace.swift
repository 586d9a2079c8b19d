import Foundation
@testable import Pipeline

/// A throwaway installation: feeds, samples and a config in a temp folder, with the repository's
/// real rules, templates and labels.
struct TestWorkspace {
    let root: URL
    var feeds: URL { root.appendingPathComponent("feeds") }
    var samples: URL { feeds.appendingPathComponent("samples") }
    var database: String { root.appendingPathComponent("var/preglednik.sqlite").path }
    var output: URL { root.appendingPathComponent("out") }

    /// The repository's config folder.
    static let repositoryConfig = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config")

    /// The `preglednik` executable built next to the test bundle.
    static var executable: URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("preglednik")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let debug = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/preglednik")
        return FileManager.default.isExecutableFile(atPath: debug.path) ? debug : nil
    }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("preglednik-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("feeds/samples"), withIntermediateDirectories: true)
    }

    /// Writes a source definition and its sample.
    func addSource(id: String, jurisdiction: String = "si", kind: String = "rss", language: String = "sl",
                   sourceType: String = "parliament", defaultPhase: String? = nil, url: String? = nil,
                   sample: String?, sampleBytes: [UInt8]? = nil, extra: String = "") throws {
        var toml = """
            id = "\(id)"
            name = "Test \(id)"
            jurisdiction = "\(jurisdiction)"
            kind = "\(kind)"
            url = "\(url ?? "https://example.org/\(id).xml")"
            language = "\(language)"
            schedule = "1h"
            source_type = "\(sourceType)"

            """
        if let defaultPhase { toml += "default_phase = \"\(defaultPhase)\"\n" }
        if sample != nil || sampleBytes != nil { toml += "sample = \"samples/\(id).xml\"\n" }
        toml += extra
        try toml.write(to: feeds.appendingPathComponent("\(id).toml"), atomically: true, encoding: .utf8)
        if let sampleBytes {
            try Data(sampleBytes).write(to: samples.appendingPathComponent("\(id).xml"))
        } else if let sample {
            try sample.write(to: samples.appendingPathComponent("\(id).xml"), atomically: true, encoding: .utf8)
        }
    }

    /// The config file `config(…)` writes.
    var configFile: String { root.appendingPathComponent("preglednik.toml").path }

    /// Writes the config file and loads it.
    func config(offline: Bool = true, languages: [String] = ["sl", "en"], extra: String = "") throws -> PreglednikConfig {
        let repo = Self.repositoryConfig.path
        let toml = """
            database = "\(database)"
            output = "\(output.path)"
            feeds = "\(feeds.path)"
            rules = "\(repo)"
            templates = "\(repo)/templates"
            labels = "\(repo)/labels.toml"
            time_zone = "Europe/Ljubljana"
            offline = \(offline)

            [fetch]
            timeout_seconds = 10
            connect_timeout_seconds = 5

            [retry]
            base_seconds = 60

            [digest]
            languages = [\(languages.map { "\"\($0)\"" }.joined(separator: ", "))]

            \(extra)
            """
        let file = root.appendingPathComponent("preglednik.toml")
        try toml.write(to: file, atomically: true, encoding: .utf8)
        return try PreglednikConfig.load(file: file.path)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// A small RSS 2.0 document of Slovenian parliamentary items.
    static func rss(items: [(title: String, guid: String, phase: String?, date: String)]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Test</title><link>https://example.org/</link><description>t</description>

            """
        for item in items {
            xml += "<item><title>\(item.title)</title><link>https://example.org/akt/\(item.guid)</link><guid>\(item.guid)</guid>"
            if let phase = item.phase { xml += "<category>\(phase)</category>" }
            xml += "<pubDate>\(item.date)</pubDate><description>\(item.title)</description></item>\n"
        }
        return xml + "</channel></rss>\n"
    }

    /// An Atom document of EU acts.
    static func atom(entries: [(title: String, id: String, updated: String)]) -> String {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>EU test</title><id>urn:test</id><updated>2026-11-20T08:00:00Z</updated>

            """
        for entry in entries {
            xml += "<entry><title>\(entry.title)</title><id>\(entry.id)</id><link href=\"https://eur-lex.europa.eu/eli/\(entry.id)\"/><updated>\(entry.updated)</updated><summary>\(entry.title)</summary></entry>\n"
        }
        return xml + "</feed>\n"
    }
}
