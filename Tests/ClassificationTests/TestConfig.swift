import Classification
import Foundation

/// The repository's shipped rule files and the shared corpus, found relative to this file.
enum TestConfig {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repository.appendingPathComponent("config")
    static let phases = folder.appendingPathComponent("phases.toml")
    static let domains = folder.appendingPathComponent("domains.toml")
    /// `../shared/corpus/legislation` next to the repository, when present.
    static let corpus = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus/legislation")

    /// The classifier built from the shipped configuration.
    static func classifier() throws -> Classifier {
        try Classifier.load(phasesFile: phases, domainsFile: domains)
    }

    /// A classifier loaded from rule files with these texts (nil: the shipped file), written to a
    /// temporary folder that is removed again.
    static func classifier(phases phasesText: String? = nil, domains domainsText: String? = nil) throws -> Classifier {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("classification-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let phasesFile = folder.appendingPathComponent("phases.toml")
        let domainsFile = folder.appendingPathComponent("domains.toml")
        try (phasesText ?? String(contentsOf: phases, encoding: .utf8)).write(to: phasesFile, atomically: true, encoding: .utf8)
        try (domainsText ?? String(contentsOf: domains, encoding: .utf8)).write(to: domainsFile, atomically: true, encoding: .utf8)
        return try Classifier.load(phasesFile: phasesFile, domainsFile: domainsFile)
    }
}
