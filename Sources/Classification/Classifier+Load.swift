import ConfigFiles
import Foundation
import TOMLKit
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
        let phases = try RuleFile(url: phasesFile)
        let domains = try RuleFile(url: domainsFile)
        return Classifier(phaseRules: try loadPhaseRules(phases), evidence: try loadEvidence(domains))
    }

    // MARK: phases.toml

    static func loadPhaseRules(_ file: RuleFile) throws -> [PhaseRule] {
        try file.root.rejectUnknown(["rule"], file, in: nil)
        guard let array = file.root["rule"]?.array else {
            throw file.error("rule", "is required: add ordered [[rule]] tables with phase, field and prefix/contains/equals/regex")
        }
        let tests = ["prefix", "contains", "equals", "regex"]
        return try array.enumerated().map { index, element in
            guard let table = element.table else { throw file.error(nil, in: "rule", index: index, "must be a table: write [[rule]]") }
            try table.rejectUnknown(["name", "phase", "field", "jurisdiction", "source", "language"] + tests, file, in: "rule", index: index)
            guard let phaseName = try table.string("phase", file, in: "rule", index: index) else {
                throw file.error("phase", in: "rule", index: index, "is required, e.g. phase = \"proposal\"")
            }
            guard let phase = Phase(rawValue: phaseName), phase != .unclassified else {
                throw file.error("phase", in: "rule", index: index,
                                 "\"\(phaseName)\" is not a phase; use one of \(Phase.allCases.filter { $0 != .unclassified }.map(\.rawValue).joined(separator: ", "))")
            }
            let fieldName = try table.string("field", file, in: "rule", index: index) ?? "phase_raw"
            guard let field = PhaseRule.Field(rawValue: fieldName) else {
                throw file.error("field", in: "rule", index: index,
                                 "\"\(fieldName)\" is not a field; use one of \(PhaseRule.Field.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let present = tests.filter { table[$0] != nil }
            guard present.count == 1 else {
                throw file.error(present.dropFirst().first, in: "rule", index: index,
                                 "give exactly one of \(tests.joined(separator: ", ")) (found \(present.isEmpty ? "none" : present.joined(separator: ", ")))")
            }
            let key = present[0]
            let raw = try table.strings(key, file, in: "rule", index: index) ?? []
            let values = raw.map(TextFolding.folded)
            guard !values.isEmpty, !values.contains("") else {
                throw file.error(key, in: "rule", index: index, "must not be empty")
            }
            let test: PhaseRule.Test
            switch key {
            case "prefix": test = .prefix
            case "contains": test = .contains
            case "equals": test = .equals
            default:
                guard raw.count == 1 else { throw file.error(key, in: "rule", index: index, "takes one pattern; write one rule per pattern") }
                do {
                    test = .regex(try PhaseRegex(raw[0]))
                } catch {
                    throw file.error(key, in: "rule", index: index, "is not a valid regular expression (\(error)); it is matched against folded lowercase text")
                }
            }
            func scope(_ key: String) throws -> Set<String>? {
                try table.strings(key, file, in: "rule", index: index).map { Set($0.map { $0.lowercased() }) }
            }
            return PhaseRule(name: try table.string("name", file, in: "rule", index: index), phase: phase, field: field, test: test,
                             values: test.isRegex ? raw : values, jurisdictions: try scope("jurisdiction"),
                             sources: try scope("source"), languages: try scope("language"))
        }
    }

    // MARK: domains.toml

    static func loadEvidence(_ file: RuleFile) throws -> EvidenceModel {
        let root = file.root
        try root.rejectUnknown(["settings", "languages", "municipal", "signal", "domain"], file, in: nil)
        let settings = root["settings"]?.table
        try settings?.rejectUnknown(["municipal_threshold", "domain_threshold", "summary_factor", "weak_weight"], file, in: "settings")
        func setting(_ key: String, _ fallback: Double) throws -> Double {
            let value = try settings?.number(key, file, in: "settings") ?? fallback
            guard (0...1).contains(value) else { throw file.error(key, in: "settings", "must be between 0 and 1") }
            return value
        }
        let weakWeight = try setting("weak_weight", 0.35)

        // Language groups: each term list key serves the input languages listed for it.
        guard let languages = root["languages"]?.table, !languages.keys.isEmpty else {
            throw file.error("languages", "is required: map each term-list key to the input languages it serves, e.g. sr = [\"sr\", \"bs\", \"hr\"]")
        }
        var groupBits: [String: UInt32] = [:]
        var languageGroups: [String: UInt32] = [:]
        for (bit, key) in languages.keys.sorted().enumerated() {
            guard bit < 32 else { throw file.error(key, in: "languages", "too many language groups (at most 32)") }
            groupBits[key] = 1 << UInt32(bit)
            for language in try languages.strings(key, file, in: "languages") ?? [] {
                languageGroups[language.lowercased(), default: 0] |= 1 << UInt32(bit)
            }
        }
        let allGroups = groupBits.values.reduce(0, |)

        var terms: [EvidenceModel.Term] = []
        var displays: [String] = []
        var words: [[TermMatcher.Word]] = []
        func addTerms(_ table: TOMLTable?, named tableName: String, index: Int?, target: EvidenceModel.Target,
                      weight: Double) throws {
            guard let table else { return }
            for key in table.keys.sorted() {
                guard let bit = groupBits[key] else {
                    throw file.error(key, in: tableName, index: index,
                                     "unknown term list; the [languages] table defines \(groupBits.keys.sorted().joined(separator: ", "))")
                }
                for term in try table.strings(key, file, in: tableName, index: index) ?? [] {
                    let parsed = TermMatcher.words(of: term)
                    guard !parsed.isEmpty else { throw file.error(key, in: tableName, index: index, "contains an empty term") }
                    terms.append(.init(target: target, weight: weight, languages: bit))
                    displays.append(term.replacingOccurrences(of: "*", with: ""))
                    words.append(parsed)
                }
            }
        }

        guard let municipal = root["municipal"]?.table else {
            throw file.error("municipal", "is required: [municipal] with weight and [municipal.terms] naming municipalities and local self-government")
        }
        try municipal.rejectUnknown(["weight", "terms", "shared_levels", "shared_levels_factor"], file, in: "municipal")
        let municipalWeight = try municipal.number("weight", file, in: "municipal") ?? 0.9
        let sharedLevelsFactor = try municipal.number("shared_levels_factor", file, in: "municipal") ?? 1
        guard (0...1).contains(municipalWeight), (0...1).contains(sharedLevelsFactor) else {
            throw file.error(municipalWeight > 1 || municipalWeight < 0 ? "weight" : "shared_levels_factor", in: "municipal", "must be between 0 and 1")
        }
        try addTerms(municipal["terms"]?.table, named: "municipal.terms", index: nil, target: .municipal, weight: 1)
        try addTerms(municipal["shared_levels"]?.table, named: "municipal.shared_levels", index: nil, target: .sharedLevels, weight: 1)

        var signals: [EvidenceModel.Signal] = []
        for (index, element) in (root["signal"]?.array.map(Array.init) ?? []).enumerated() {
            guard let table = element.table else { throw file.error(nil, in: "signal", index: index, "must be a table: write [[signal]]") }
            try table.rejectUnknown(["name", "weight", "terms"], file, in: "signal", index: index)
            guard let name = try table.string("name", file, in: "signal", index: index) else {
                throw file.error("name", in: "signal", index: index, "is required, e.g. name = \"REGI committee\"")
            }
            signals.append(.init(name: name, weight: try table.number("weight", file, in: "signal", index: index) ?? 0.5))
            try addTerms(table["terms"]?.table, named: "signal", index: index, target: .signal(index), weight: 1)
        }

        var domains: [EvidenceModel.Domain] = []
        for (index, element) in (root["domain"]?.array.map(Array.init) ?? []).enumerated() {
            guard let table = element.table else { throw file.error(nil, in: "domain", index: index, "must be a table: write [[domain]]") }
            try table.rejectUnknown(["id", "municipal", "terms", "weak"], file, in: "domain", index: index)
            guard let id = try table.string("id", file, in: "domain", index: index) else {
                throw file.error("id", in: "domain", index: index, "is required, e.g. id = \"utilities\"")
            }
            guard domainIDs.contains(id) else {
                throw file.error("id", in: "domain", index: index, "\"\(id)\" is not a domain id; use one of \(domainIDs.joined(separator: ", "))")
            }
            guard !domains.contains(where: { $0.id == id }) else {
                throw file.error("id", in: "domain", index: index, "\"\(id)\" is defined twice; merge the two [[domain]] tables")
            }
            let share = try table.number("municipal", file, in: "domain", index: index) ?? 0
            guard (0...1).contains(share) else { throw file.error("municipal", in: "domain", index: index, "must be between 0 and 1") }
            domains.append(.init(id: id, municipal: share))
            try addTerms(table["terms"]?.table, named: "domain", index: index, target: .domain(index), weight: 1)
            try addTerms(table["weak"]?.table, named: "domain", index: index, target: .domain(index), weight: weakWeight)
        }
        guard !domains.isEmpty else { throw file.error("domain", "is required: add [[domain]] tables with id and terms") }

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
