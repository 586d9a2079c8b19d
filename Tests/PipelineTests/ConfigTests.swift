import ConfigFiles
import Foundation
import Testing
@testable import Pipeline

@Suite("Configuration and source definitions: clear errors naming file, line and key")
struct ConfigTests {
    @Test("the shipped configurations and every shipped source definition load")
    func shippedFilesLoad() throws {
        let repository = TestWorkspace.repositoryConfig.deletingLastPathComponent()
        for name in ["preglednik.toml", "demo.toml"] {
            let config = try PreglednikConfig.load(file: repository.appendingPathComponent("config/\(name)").path)
            #expect(config.databasePath == "var/preglednik.sqlite")
            #expect(config.outputFolder == "out")
        }
        let sources = try SourceDefinition.loadAll(folder: repository.appendingPathComponent("feeds").path)
        #expect(sources.count >= 9)
        #expect(Set(sources.map(\.jurisdiction)).isSuperset(of: ["si", "rs", "srpska", "eu"]))
        for source in sources {
            let sample = try #require(source.samplePath, "\(source.id) has no offline sample")
            #expect(FileManager.default.fileExists(atPath: sample), "\(source.id): \(sample) is missing")
        }
    }

    @Test("an unknown key, a bad URL, schedule or identifier scheme name the file, the line and the key")
    func definitionErrors() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let file = workspace.feeds.appendingPathComponent("bad.toml")
        func error(for toml: String) throws -> String {
            try toml.write(to: file, atomically: true, encoding: .utf8)
            do {
                _ = try SourceDefinition.load(file: file.path)
                return ""
            } catch {
                return "\(error)"
            }
        }
        let valid = """
            id = "si-test"
            name = "Test"
            jurisdiction = "si"
            kind = "rss"
            url = "https://example.org/feed"
            language = "sl"
            source_type = "gazette"

            """
        let unknown = try error(for: valid + "scedule = \"2h\"\n")
        #expect(unknown.contains("bad.toml"))
        #expect(unknown.contains("scedule"))
        #expect(unknown.contains("8"), "the line of the unknown key: \(unknown)")
        let badURL = try error(for: valid.replacingOccurrences(of: "https://example.org/feed", with: "ftp//nowhere"))
        #expect(badURL.contains("url") && badURL.contains("ftp//nowhere"))
        let badSchedule = try error(for: valid + "schedule = \"often\"\n")
        #expect(badSchedule.contains("schedule") && badSchedule.contains("often"))
        let badJurisdiction = try error(for: valid.replacingOccurrences(of: "\"si\"", with: "\"hr\""))
        #expect(badJurisdiction.contains("jurisdiction"))
        let noXPath = try error(for: valid.replacingOccurrences(of: "\"rss\"", with: "\"html\""))
        #expect(noXPath.contains("xpath"))
        let badScheme = try error(for: valid + "identifier_scheme = \"EPA\"\n")
        #expect(badScheme.contains("identifier_scheme") && badScheme.contains("'EPA'") && badScheme.contains("epa"))
        #expect(try error(for: valid + "identifier_scheme = \"epa\"\n") == "")
    }

    @Test("a bad config value names the key; check reports every broken file and keeps going")
    func configErrorsAndCheck() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.addSource(id: "si-good", sample: TestWorkspace.rss(items: [("Zakon o lokalni samoupravi", "g1", nil, "Tue, 17 Nov 2026 09:00:00 +0100")]))
        try workspace.addSource(id: "si-broken-xpath", kind: "html", sample: "<html><body><p>x</p></body></html>",
                                extra: "[xpath]\nitems = \"//li[\"\ntitle = \"a\"\n")
        _ = try workspace.config()
        let findings = ConfigCheck.run(configFile: workspace.configFile)
        #expect(findings.contains { $0.ok && $0.message.contains("si-good") })
        let broken = try #require(findings.first { !$0.ok })
        #expect(broken.message.contains("si-broken-xpath"))

        try "time_zone = \"Mars/Olympus\"\n".write(toFile: workspace.configFile, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try PreglednikConfig.load(file: workspace.configFile) }
        let message = ConfigCheck.run(configFile: workspace.configFile).first?.message ?? ""
        #expect(message.contains("time_zone") && message.contains("Mars/Olympus"))

        try "log_level = \"loud\"\n".write(toFile: workspace.configFile, atomically: true, encoding: .utf8)
        let level = ConfigCheck.run(configFile: workspace.configFile).first?.message ?? ""
        #expect(level.contains("log_level") && level.contains("loud"))
        try "log_level = \"debug\"\n".write(toFile: workspace.configFile, atomically: true, encoding: .utf8)
        #expect(try PreglednikConfig.load(file: workspace.configFile).logLevel == "debug")
    }
}
