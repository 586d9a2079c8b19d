import Foundation
import Testing
@testable import Digests

@Suite("Template and label errors name the file and the key")
struct DigestConfigurationTests {
    /// A copy of the real templates and labels to break.
    func copy() throws -> (root: URL, templates: URL, labels: URL) {
        let root = try Fixtures.temporaryDirectory()
        let templates = root.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Fixtures.templates, to: templates)
        let labels = root.appendingPathComponent("labels.toml")
        try FileManager.default.copyItem(at: Fixtures.labels, to: labels)
        return (root, templates, labels)
    }

    /// The error of loading a copy of the real labels with `old` replaced by `new`.
    func errorWithLabels(replacing old: String, with new: String) throws -> DigestError? {
        let (root, templates, labels) = try copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let text = try String(contentsOf: labels, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: labels, atomically: true, encoding: .utf8)
        return loadError(templates, labels)
    }

    func loadError(_ templates: URL, _ labels: URL) -> DigestError? {
        do {
            _ = try DigestRenderer(templatesDirectory: templates, labelsFile: labels, timeZone: Fixtures.zone)
            return nil
        } catch let error as DigestError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test("the bundled labels define every required label in English and every phase and domain in all languages")
    func bundledLabelsComplete() throws {
        let labels = try DigestLabels(file: Fixtures.labels)
        for language in DigestRenderer.languages {
            for key in DigestLabels.requiredKeys {
                #expect(labels.values[language]?[key] != nil, "\(language).\(key)")
            }
        }
    }

    @Test("a missing template is named")
    func missingTemplate() throws {
        let (root, templates, labels) = try copy()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.removeItem(at: templates.appendingPathComponent("weekly.txt.mustache"))
        let error = try #require(loadError(templates, labels))
        #expect(error.code == .missingTemplate)
        #expect(error.description.contains("weekly.txt.mustache"))
    }

    @Test("a broken template is named with its line")
    func brokenTemplate() throws {
        let (root, templates, labels) = try copy()
        defer { try? FileManager.default.removeItem(at: root) }
        try "<p>\n{{#acts}}\n{{title}}\n".write(to: templates.appendingPathComponent("overview.html.mustache"), atomically: true, encoding: .utf8)
        let error = try #require(loadError(templates, labels))
        #expect(error.code == .brokenTemplate)
        #expect(error.file.hasSuffix("overview.html.mustache"))
    }

    @Test("a TOML syntax error is reported with its line")
    func brokenLabels() throws {
        let (root, templates, labels) = try copy()
        defer { try? FileManager.default.removeItem(at: root) }
        try "[en]\ndate_format = \"{d}\"\n[en.phases\ndraft = 1\n".write(to: labels, atomically: true, encoding: .utf8)
        let error = try #require(loadError(templates, labels))
        #expect(error.code == .brokenLabels)
        #expect(error.line == 3)
    }

    @Test("a label of the wrong type names the language and key")
    func wrongType() throws {
        let error = try #require(try errorWithLabels(replacing: "draft = \"Osnutek\"", with: "draft = 3"))
        #expect(error.code == .brokenLabels)
        #expect(error.key == "sl.phases.draft")
    }

    @Test("an English label missing is named, since every language falls back to English")
    func missingEnglish() throws {
        let error = try #require(try errorWithLabels(replacing: "second-reading = \"Second reading\"\n", with: ""))
        #expect(error.code == .missingLabel)
        #expect(error.key == "en.phases.second-reading")
    }

    @Test("month names must be a list of twelve")
    func months() throws {
        let error = try #require(try errorWithLabels(replacing: "months = [\"Jan\", ", with: "months = ["))
        #expect(error.code == .brokenLabels)
        #expect(error.key == "en.months")
    }

    @Test("a label missing in one language falls back to English")
    func fallbackToEnglish() throws {
        let (root, templates, labels) = try copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let text = try String(contentsOf: labels, encoding: .utf8)
            .replacingOccurrences(of: "second-reading = \"Druga obravnava\"\n", with: "")
        try text.write(to: labels, atomically: true, encoding: .utf8)
        let renderer = try DigestRenderer(templatesDirectory: templates, labelsFile: labels, timeZone: Fixtures.zone)
        let digest = try renderer.renderWeekly(Fixtures.weeklyInput(), language: "sl")
        #expect(digest.text.contains("== Second reading (3) =="))
        #expect(digest.text.contains("Tedenske novice"))
    }

    @Test("a missing labels file or templates folder is named")
    func missingFiles() throws {
        let (root, templates, labels) = try copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let noLabels = try #require(loadError(templates, root.appendingPathComponent("nope.toml")))
        #expect(noLabels.code == .missingLabels)
        #expect(noLabels.file.hasSuffix("nope.toml"))
        let noTemplates = try #require(loadError(root.appendingPathComponent("nowhere"), labels))
        #expect(noTemplates.code == .missingTemplate)
        #expect(noTemplates.file.hasSuffix("nowhere"))
    }
}
