import ConfigFiles
import Foundation
import TextFolding

extension Classifier {
    /// The domain ids the digests know; `domains.toml` may not invent others.
    public static let domainIDs: [String] = [
        "local-government", "local-finance", "public-employees", "spatial-planning", "housing-construction",
        "utilities", "environment", "roads-transport", "civil-protection", "education", "social-care", "health",
        "culture", "sport", "public-procurement", "elections", "agriculture-rural", "economy-tourism", "eu-funds",
        "digital-government",
    ]

    /// Builds a classifier from the phase rules and the domain terms.
    /// - Parameters:
    ///   - phasesFile: `phases.toml`, the ordered phase rules.
    ///   - domainsFile: `domains.toml`, municipal terms, signals and domains with per-language terms.
    /// - Throws: `ConfigError` naming the file, line, key and the fix.
    public static func load(phasesFile: URL, domainsFile: URL) throws -> Classifier {
        let phases = try TOMLReader(file: phasesFile.path)
        let domains = try TOMLReader(file: domainsFile.path)
        return Classifier(phaseRules: try loadPhaseRules(phases), evidence: try loadEvidence(domains))
    }

    // MARK: phases.toml

    static func loadPhaseRules(_ file: TOMLReader) throws -> [PhaseRule] {
        try file.topLevel.rejectUnknownKeys(["rule"])
        let rules = try file.tables("rule")
        guard !rules.isEmpty else {
            throw file.topLevel.error("rule", "is required: add ordered [[rule]] tables with phase, field and prefix/contains/equals/regex")
        }
        let tests = ["prefix", "contains", "equals", "regex"]
        return try rules.map { table in
            try table.rejectUnknownKeys(["name", "phase", "field", "jurisdiction", "source", "language"] + tests)
            guard let phaseName = try table.string("phase") else {
                throw table.error("phase", "is required, e.g. phase = \"proposal\"")
            }
            guard let phase = Phase(rawValue: phaseName), phase != .unclassified else {
                throw table.error("phase",
                                  "\"\(phaseName)\" is not a phase; use one of \(Phase.allCases.filter { $0 != .unclassified }.map(\.rawValue).joined(separator: ", "))")
            }
            let fieldName = try table.string("field") ?? "phase_raw"
            guard let field = PhaseRule.Field(rawValue: fieldName) else {
                throw table.error("field",
                                  "\"\(fieldName)\" is not a field; use one of \(PhaseRule.Field.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let present = tests.filter(table.contains)
            guard present.count == 1 else {
                throw table.error(present.dropFirst().first,
                                  "give exactly one of \(tests.joined(separator: ", ")) (found \(present.isEmpty ? "none" : present.joined(separator: ", ")))")
            }
            let key = present[0]
            let raw = try table.stringOrList(key) ?? []
            let values = raw.map(TextFolding.folded)
            guard !values.isEmpty, !values.contains("") else {
                throw table.error(key, "must not be empty")
            }
            let test: PhaseRule.Test
            switch key {
            case "prefix": test = .prefix
            case "contains": test = .contains
            case "equals": test = .equals
            default:
                guard raw.count == 1 else { throw table.error(key, "takes one pattern; write one rule per pattern") }
                do {
                    test = .regex(try PhaseRegex(raw[0]))
                } catch {
                    throw table.error(key, "is not a valid regular expression (\(error)); it is matched against folded lowercase text")
                }
            }
            func scope(_ key: String) throws -> Set<String>? {
                try table.stringOrList(key).map { Set($0.map { $0.lowercased() }) }
            }
            return PhaseRule(name: try table.string("name"), phase: phase, field: field, test: test,
                             values: test.isRegex ? raw : values, jurisdictions: try scope("jurisdiction"),
                             sources: try scope("source"), languages: try scope("language"))
        }
    }

    // MARK: domains.toml

    static func loadEvidence(_ file: TOMLReader) throws -> EvidenceModel {
        let root = file.topLevel
        try root.rejectUnknownKeys(["settings", "languages", "municipal", "signal", "domain"])
        let settings = file.table("settings")
        try settings?.rejectUnknownKeys(["municipal_threshold", "domain_threshold", "summary_factor", "weak_weight"])
        func setting(_ key: String, _ fallback: Double) throws -> Double {
            guard let settings, let value = try settings.number(key) else { return fallback }
            guard (0...1).contains(value) else { throw settings.error(key, "must be between 0 and 1") }
            return value
        }
        let weakWeight = try setting("weak_weight", 0.35)

        // Language groups: each term list key serves the input languages listed for it.
        guard let languages = file.table("languages"), !languages.keys.isEmpty else {
            throw root.error("languages", "is required: map each term-list key to the input languages it serves, e.g. sr = [\"sr\", \"bs\", \"hr\"]")
        }
        var groupBits: [String: UInt32] = [:]
        var languageGroups: [String: UInt32] = [:]
        for (bit, key) in languages.keys.enumerated() {
            guard bit < 32 else { throw languages.error(key, "too many language groups (at most 32)") }
            groupBits[key] = 1 << UInt32(bit)
            for language in try languages.stringOrList(key) ?? [] {
                languageGroups[language.lowercased(), default: 0] |= 1 << UInt32(bit)
            }
        }
        let allGroups = groupBits.values.reduce(0, |)

        var terms: [EvidenceModel.Term] = []
        var displays: [String] = []
        var words: [[TermMatcher.Word]] = []
        func addTerms(_ table: TOMLReader.Table?, target: EvidenceModel.Target, weight: Double) throws {
            guard let table else { return }
            for key in table.keys {
                guard let bit = groupBits[key] else {
                    throw table.error(key, "unknown term list; the [languages] table defines \(groupBits.keys.sorted().joined(separator: ", "))")
                }
                for term in try table.stringOrList(key) ?? [] {
                    let parsed = TermMatcher.words(of: term)
                    guard !parsed.isEmpty else { throw table.error(key, "contains an empty term") }
                    terms.append(.init(target: target, weight: weight, languages: bit))
                    displays.append(term.replacingOccurrences(of: "*", with: ""))
                    words.append(parsed)
                }
            }
        }

        guard let municipal = file.table("municipal") else {
            throw root.error("municipal", "is required: [municipal] with weight and [municipal.terms] naming municipalities and local self-government")
        }
        try municipal.rejectUnknownKeys(["weight", "terms", "shared_levels", "shared_levels_factor"])
        let municipalWeight = try municipal.number("weight") ?? 0.9
        let sharedLevelsFactor = try municipal.number("shared_levels_factor") ?? 1
        guard (0...1).contains(municipalWeight), (0...1).contains(sharedLevelsFactor) else {
            throw municipal.error(municipalWeight > 1 || municipalWeight < 0 ? "weight" : "shared_levels_factor", "must be between 0 and 1")
        }
        try addTerms(municipal.table("terms"), target: .municipal, weight: 1)
        try addTerms(municipal.table("shared_levels"), target: .sharedLevels, weight: 1)

        var signals: [EvidenceModel.Signal] = []
        for (index, table) in try file.tables("signal").enumerated() {
            try table.rejectUnknownKeys(["name", "weight", "terms"])
            guard let name = try table.string("name") else {
                throw table.error("name", "is required, e.g. name = \"REGI committee\"")
            }
            signals.append(.init(name: name, weight: try table.number("weight") ?? 0.5))
            try addTerms(table.table("terms"), target: .signal(index), weight: 1)
        }

        var domains: [EvidenceModel.Domain] = []
        for (index, table) in try file.tables("domain").enumerated() {
            try table.rejectUnknownKeys(["id", "municipal", "terms", "weak"])
            guard let id = try table.string("id") else {
                throw table.error("id", "is required, e.g. id = \"utilities\"")
            }
            guard domainIDs.contains(id) else {
                throw table.error("id", "\"\(id)\" is not a domain id; use one of \(domainIDs.joined(separator: ", "))")
            }
            guard !domains.contains(where: { $0.id == id }) else {
                throw table.error("id", "\"\(id)\" is defined twice; merge the two [[domain]] tables")
            }
            let share = try table.number("municipal") ?? 0
            guard (0...1).contains(share) else { throw table.error("municipal", "must be between 0 and 1") }
            domains.append(.init(id: id, municipal: share))
            try addTerms(table.table("terms"), target: .domain(index), weight: 1)
            try addTerms(table.table("weak"), target: .domain(index), weight: weakWeight)
        }
        guard !domains.isEmpty else { throw root.error("domain", "is required: add [[domain]] tables with id and terms") }

        let termWhy = zip(terms, displays).map { term, display -> (title: String, summary: String) in
            let prefix: String
            switch term.target {
            case .municipal: prefix = "municipal: \"\(display)\" in "
            case .domain(let domain): prefix = "\(domains[domain].id): \"\(display)\" in "
            case .signal(let signal): prefix = "signal \(signals[signal].name): \"\(display)\" in "
            case .sharedLevels: prefix = "municipal: every level of government named, direct mentions count less: \"\(display)\" in "
            }
            return (prefix + "title", prefix + "summary")
        }
        return EvidenceModel(terms: terms, termWhy: termWhy, domains: domains, signals: signals, municipalWeight: municipalWeight,
                             sharedLevelsFactor: sharedLevelsFactor,
                             municipalThreshold: try setting("municipal_threshold", 0.5),
                             domainThreshold: try setting("domain_threshold", 0.5),
                             summaryFactor: try setting("summary_factor", 0.6),
                             languageGroups: languageGroups, allGroups: allGroups,
                             matcher: TermMatcher(terms: words))
    }
}
