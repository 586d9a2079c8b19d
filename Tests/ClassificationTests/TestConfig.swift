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

    /// A fresh folder for rule files written by a test.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("classification-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
