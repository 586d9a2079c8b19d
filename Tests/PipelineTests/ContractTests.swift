import Classification
import Foundation
import Storage
import Testing
@testable import Pipeline

@Suite("Command-line contracts: classify --json lines, act JSON, CSV export")
struct ContractTests {
    static func classifier() throws -> Classifier {
        let config = TestWorkspace.repositoryConfig
        return try Classifier.load(phasesFile: config.appendingPathComponent("phases.toml"),
                                   domainsFile: config.appendingPathComponent("domains.toml"))
    }

    @Test("classify --json: one output line per input line with the contract's keys; bad input gives an error line")
    func classifyLines() throws {
        let classifier = try Self.classifier()
        let line = ClassifyLine.process(#"{"title": "Predlog zakona o financiranju občin", "phase_raw": "druga obravnava - MDT", "source": "si-dz", "language": "sl", "jurisdiction": "si"}"#,
                                        classifier: classifier, sources: [:], now: Date())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["phase"] as? String == "second-reading")
        #expect(object["municipal"] as? Bool == true)
        #expect((object["relevance"] as? Double ?? 0) > 0)
        let domains = try #require(object["domains"] as? [[String: Any]])
        #expect(domains.contains { $0["id"] as? String == "local-finance" })
        #expect(domains.allSatisfy { $0.keys.sorted() == ["id", "score"] })
        #expect((object["why"] as? [String])?.isEmpty == false)
        #expect(!line.contains("\n"))

        let cyrillic = ClassifyLine.process(#"{"title": "Предлог закона о комуналним делатностима", "language": "sr", "jurisdiction": "rs"}"#,
                                            classifier: classifier, sources: [:], now: Date())
        #expect(cyrillic.contains("\"phase\":\"proposal\""), "\(cyrillic)")
        #expect(cyrillic.contains("\"municipal\":true"), "\(cyrillic)")

        let bad = ClassifyLine.process("{\"summary\": \"no title\"}", classifier: classifier, sources: [:], now: Date())
        #expect(bad.contains("\"error\"") && bad.contains("title"))
        let notJSON = ClassifyLine.process("Zakon o občinah", classifier: classifier, sources: [:], now: Date())
        #expect(notJSON.contains("\"error\""))
    }

    @Test("act JSON is snake_case with ISO dates; CSV quotes commas and quotes")
    func actViews() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ActStore(path: folder.appendingPathComponent("db.sqlite").path)
        try store.registerSource(id: "si-dz", name: "DZ", jurisdiction: "si")
        _ = try store.ingest([IncomingItem(guid: "1", link: "https://www.dz-rs.si/akt/1", title: "Zakon o \"javnih\" financah, občinah",
                                           phase: "first-reading", phaseRank: 5, phaseRaw: "prva obravnava",
                                           identifiers: [ActIdentifier(scheme: "epa", value: "1234-IX")], municipal: true, relevance: 0.9,
                                           domains: [StoredDomain(id: "local-finance", score: 0.9)], why: ["test"])],
                             sourceID: "si-dz", jurisdiction: "si", now: Date(timeIntervalSince1970: 1_795_000_000))
        let act = try #require(try store.acts().first)
        let view = try ActView(act, store: store, withTimeline: true)
        let json = String(decoding: try ActView.encoder().encode(view), as: UTF8.self)
        #expect(json.contains("\"phase_raw\":\"prva obravnava\""))
        #expect(json.contains("\"first_seen\":\"2026-11-18T"), "\(json)")
        #expect(json.contains("\"timeline\":[{"))
        #expect(json.contains("\"identifiers\":[{\"scheme\":\"epa\",\"value\":\"1234-IX\"}]"))
        #expect(!json.contains("\"in_force\""), "absent values are left out")

        let csv = CSVWriter.line(CSVWriter.record(view))
        #expect(csv.contains("\"Zakon o \"\"javnih\"\" financah, občinah\""))
        #expect(csv.hasSuffix("\r\n"))
        #expect(CSVWriter.line(CSVWriter.actHeader).hasPrefix("id,title,jurisdiction,"))
    }
}
