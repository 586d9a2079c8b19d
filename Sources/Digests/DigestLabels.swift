import Foundation
import TOMLKit

/// The localized words of the digests, read from `labels.toml`: one table per language
/// (`[sl.phases]`, `[en.headings]`, …). A label missing in a language falls back to English, then to
/// its own id, so a new phase or domain still renders.
struct DigestLabels: Sendable {
    /// Flat `section.key` → text, per language.
    let values: [String: [String: String]]
    /// Month names per language (`months = [...]`), 12 entries.
    let months: [String: [String]]
    let file: String

    /// The labels every template relies on; English must define all of them.
    static let requiredKeys: [String] = {
        var keys = ["date_format"]
        keys += DigestKind.allCases.map { "titles.\($0.rawValue)" } + ["titles.overview"]
        keys += PhaseCatalog.phases.map { "phases.\($0)" }
        keys += PhaseCatalog.groups.map { "groups.\($0.id)" }
        keys += PhaseCatalog.domains.map { "domains.\($0)" }
        keys += headings.map { "headings.\($0)" }
        return keys
    }()

    /// Heading keys the bundled templates use.
    static let headings = [
        "at_a_glance", "phase_group", "acts", "municipal", "total", "sources_with_problems", "source", "failures",
        "last_error", "last_success", "next_attempt", "never", "identifiers", "links", "sources", "timeline", "domains",
        "relevance", "why", "empty_week", "week", "generated", "in_procedure", "completed", "completed_intro",
        "days_in_phase", "last_change", "phase_since", "no_domain", "municipal_yes", "nothing_in_procedure",
        "nothing_completed", "date", "phase", "wording", "summary",
    ]

    /// Reads and checks the file.
    /// - Throws: `DigestError` naming the file, line or key.
    init(file url: URL) throws {
        file = url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DigestError(.missingLabels, file: file, message: "cannot be read (\(error.localizedDescription)); check the `labels` path in the config")
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw DigestError(.brokenLabels, file: file, line: error.source.begin.line,
                              message: "TOML syntax error at column \(error.source.begin.column): \(error.description)")
        }
        var values: [String: [String: String]] = [:]
        var months: [String: [String]] = [:]
        for language in root.keys {
            guard let table = root[language]?.table else {
                throw DigestError(.brokenLabels, file: file, key: language, message: "must be a table like [\(language).phases]")
            }
            var flat: [String: String] = [:]
            try Self.flatten(table, prefix: "", language: language, file: file, into: &flat, months: &months)
            values[language] = flat
        }
        guard let english = values["en"] else {
            throw DigestError(.missingLabel, file: file, key: "en", message: "English labels are required: they are the fallback of every language")
        }
        for key in Self.requiredKeys where english[key] == nil {
            throw DigestError(.missingLabel, file: file, key: "en.\(key)", message: "is missing; every language falls back to English")
        }
        self.values = values
        self.months = months
    }

    private static func flatten(_ table: TOMLTable, prefix: String, language: String, file: String,
                                into flat: inout [String: String], months: inout [String: [String]]) throws {
        for key in table.keys {
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            let value = table[key]
            if let string = value?.string {
                flat[path] = string
            } else if let nested = value?.table {
                try flatten(nested, prefix: path, language: language, file: file, into: &flat, months: &months)
            } else if path == "months", let array = value?.array {
                let names = array.compactMap { $0.string }
                guard names.count == 12, names.count == array.count else {
                    throw DigestError(.brokenLabels, file: file, key: "\(language).months", message: "must list 12 month names in quotes")
                }
                months[language] = names
            } else {
                throw DigestError(.brokenLabels, file: file, key: "\(language).\(path)",
                                  message: "must be a string in quotes, found \(value.map { "\($0.type)" } ?? "nothing")")
            }
        }
    }

    /// The label `key` (e.g. `phases.draft`) in `language`, else English, else the last part of the key.
    func text(_ key: String, _ language: String) -> String {
        values[language]?[key] ?? values["en"]?[key] ?? String(key.split(separator: ".").last ?? Substring(key))
    }

    /// The label with `{name}` placeholders replaced.
    func text(_ key: String, _ language: String, _ arguments: [String: String]) -> String {
        var result = text(key, language)
        for (name, value) in arguments.sorted(by: { $0.key < $1.key }) {
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }

    /// Month name 1...12 in `language` (English fallback, then the number).
    func month(_ month: Int, _ language: String) -> String {
        let names = months[language] ?? months["en"]
        guard let names, (1...12).contains(month) else { return String(month) }
        return names[month - 1]
    }

    /// Every label of `language` (English underneath) as nested dictionaries for the templates:
    /// `{{labels.headings.at_a_glance}}`.
    func tree(_ language: String) -> [String: Any] {
        var merged = values["en"] ?? [:]
        merged.merge(values[language] ?? [:]) { _, local in local }
        var root: [String: Any] = [:]
        for (key, value) in merged {
            insert(value, at: key.split(separator: ".").map(String.init)[...], into: &root)
        }
        return root
    }

    private func insert(_ value: String, at path: ArraySlice<String>, into node: inout [String: Any]) {
        guard let head = path.first else { return }
        if path.count == 1 {
            node[head] = value
            return
        }
        var child = node[head] as? [String: Any] ?? [:]
        insert(value, at: path.dropFirst(), into: &child)
        node[head] = child
    }
}
