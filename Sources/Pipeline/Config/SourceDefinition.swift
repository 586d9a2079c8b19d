import ConfigFiles
import FeedParsing
import Foundation

/// One watched source, read from `feeds/<id>.toml`.
public struct SourceDefinition: Sendable, Equatable {
    /// Stable id (`si-uradni-list`).
    public var id: String
    /// Name shown in digests and status.
    public var name: String
    /// `si`, `rs`, `srpska`, `ba` or `eu`.
    public var jurisdiction: String
    /// Document shape.
    public var kind: DocumentKind
    /// Live address.
    public var url: String
    /// Offline snapshot, as an absolute path, if the definition names one.
    public var samplePath: String?
    /// `sl`, `sr`, `bs`, `hr`, `en`.
    public var language: String
    /// `Latn` or `Cyrl`.
    public var script: String
    /// Seconds between fetches.
    public var intervalSeconds: Double
    /// `gazette`, `parliament`, `government`, `consultation`, `eu-journal`, `eu-procedure`.
    public var sourceType: String
    /// Phase given to items no rule places.
    public var defaultPhase: String?
    /// Encoding for documents that declare none (e.g. `windows-1250`).
    public var defaultEncoding: String?
    /// Where RSS/Atom items carry their phase wording: `category` (first category) or nothing.
    public var phaseFrom: String?
    /// The scheme of the `[xpath] identifier` field when its text names none (e.g. `epa` for the bare
    /// "389-X" of Državni zbor's KARTICA_EPA); default: the source's id.
    public var identifierScheme: String?
    /// Disabled sources are kept but not fetched.
    public var enabled: Bool
    /// XPath selectors for `xml` and `html` sources.
    public var xpath: XPathSelectors?
    /// The definition file.
    public var file: String

    static let jurisdictions = ["si", "rs", "srpska", "ba", "eu"]
    static let sourceTypes = ["gazette", "parliament", "government", "consultation", "eu-journal", "eu-procedure"]
    static let allowedKeys = "id, name, jurisdiction, kind, url, sample, language, script, schedule, source_type, default_phase, default_encoding, phase_from, identifier_scheme, enabled, [xpath]"

    /// Reads and validates one definition file.
    /// - Throws: ``ConfigError`` naming the file, line and key.
    public static func load(file: String) throws -> SourceDefinition {
        let reader = try TOMLReader(file: file)
        let id = try reader.requiredString("id")
        guard id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), id.allSatisfy(\.isASCII) else {
            throw reader.error("id", "use lowercase ASCII letters, digits and '-' only")
        }
        let jurisdiction = try reader.requiredString("jurisdiction")
        guard jurisdictions.contains(jurisdiction) else {
            throw reader.error("jurisdiction", "unknown jurisdiction '\(jurisdiction)'; use one of \(jurisdictions.joined(separator: ", "))")
        }
        let kindText = try reader.requiredString("kind")
        guard let kind = DocumentKind(rawValue: kindText) else {
            throw reader.error("kind", "unknown kind '\(kindText)'; use rss, atom, rdf, xml or html")
        }
        let url = try reader.requiredString("url")
        guard let scheme = URL(string: url)?.scheme?.lowercased(), ["http", "https"].contains(scheme), URL(string: url)?.host != nil else {
            throw reader.error("url", "'\(url)' is not an http(s) address")
        }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        let samplePath = try reader.string("sample").map { folder.appendingPathComponent($0).standardizedFileURL.path }
        let scheduleText = try reader.string("schedule") ?? "6h"
        guard let interval = IntervalText.seconds(scheduleText) else {
            throw reader.error("schedule", "'\(scheduleText)' is not an interval; write e.g. 30m, 2h or 1d")
        }
        let sourceType = try reader.requiredString("source_type")
        guard sourceTypes.contains(sourceType) else {
            throw reader.error("source_type", "unknown source type '\(sourceType)'; use one of \(sourceTypes.joined(separator: ", "))")
        }
        let script = try reader.string("script") ?? "Latn"
        guard ["Latn", "Cyrl"].contains(script) else { throw reader.error("script", "use Latn or Cyrl") }
        let phaseFrom = try reader.string("phase_from")
        if let phaseFrom, phaseFrom != "category" { throw reader.error("phase_from", "only \"category\" is supported") }
        // A misspelt scheme would file identifiers under a name that never joins the same act elsewhere.
        let identifierScheme = try reader.string("identifier_scheme")
        if let identifierScheme, !IdentifierExtractor.knownSchemes.contains(identifierScheme) {
            throw reader.error("identifier_scheme", "unknown scheme '\(identifierScheme)'; use one of \(IdentifierExtractor.knownSchemes.joined(separator: ", "))")
        }
        var xpath: XPathSelectors?
        if kind == .xml || kind == .html {
            guard reader.has("xpath.items"), reader.has("xpath.title") else {
                throw ConfigError(file: file, line: reader.line(of: "xpath"), key: "xpath",
                                  message: "kind '\(kindText)' needs an [xpath] table with at least `items` and `title`")
            }
            xpath = XPathSelectors(
                items: try reader.requiredString("xpath.items"), title: try reader.requiredString("xpath.title"),
                link: try reader.string("xpath.link"), id: try reader.string("xpath.id"),
                summary: try reader.string("xpath.summary"), published: try reader.string("xpath.published"),
                updated: try reader.string("xpath.updated"), phase: try reader.string("xpath.phase"),
                identifier: try reader.string("xpath.identifier"), inForce: try reader.string("xpath.in_force"))
        }
        let definition = SourceDefinition(
            id: id, name: try reader.requiredString("name"), jurisdiction: jurisdiction, kind: kind, url: url,
            samplePath: samplePath, language: try reader.requiredString("language"), script: script,
            intervalSeconds: interval, sourceType: sourceType, defaultPhase: try reader.string("default_phase"),
            defaultEncoding: try reader.string("default_encoding"), phaseFrom: phaseFrom,
            identifierScheme: identifierScheme,
            enabled: try reader.bool("enabled") ?? true, xpath: xpath, file: file)
        try reader.rejectUnknownKeys(allowed: allowedKeys)
        return definition
    }

    /// Every `*.toml` definition in a folder, sorted by id. Duplicate ids are an error.
    public static func loadAll(folder: String) throws -> [SourceDefinition] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw ConfigError(file: folder, message: "feed folder cannot be read; set `feeds` in the config to the folder of source definitions")
        }
        var byID: [String: SourceDefinition] = [:]
        for name in names.sorted() where name.hasSuffix(".toml") {
            let definition = try load(file: (folder as NSString).appendingPathComponent(name))
            if let other = byID[definition.id] {
                throw ConfigError(file: definition.file, key: "id", message: "id '\(definition.id)' is also used by \(other.file); ids must be unique")
            }
            byID[definition.id] = definition
        }
        return byID.values.sorted { $0.id < $1.id }
    }
}
