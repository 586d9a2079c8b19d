import Classification
import Foundation

extension PreglednikConfig {
    /// The classifier built from `phases.toml` and `domains.toml` in the rules folder.
    /// - Throws: the rule file's error, naming the file, line and key.
    public func loadClassifier() throws -> Classifier {
        let folder = URL(fileURLWithPath: rulesFolder)
        return try Classifier.load(phasesFile: folder.appendingPathComponent("phases.toml"),
                                   domainsFile: folder.appendingPathComponent("domains.toml"))
    }

    /// The configuration used when no config file exists: the defaults (rules in `config/`, feeds in `feeds/`).
    public static func loadOrDefaults(file: String) throws -> PreglednikConfig {
        if FileManager.default.fileExists(atPath: file) { return try load(file: file) }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("preglednik-defaults-\(UUID().uuidString).toml")
        try Data().write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        var config = try load(file: empty.path)
        config.file = file
        return config
    }
}
