import Classification
import Foundation

// preglednik-eval [PATH-to-metadata-dev.csv] [--no-fail] [--errors] [--explain] [--config DIR]
//
// Scores the classifier against the Serbian official gazette's own subject labels: per-domain
// precision/recall/F1 over the groups mapped in config/eval/rs-gazette-groups.toml, macro-F1, and the
// municipal flag against the clearly municipal groups. Exits 1 below the goals unless --no-fail.

func printLine(_ text: String) {
    print(text)
}

func percent(_ value: Double) -> String {
    String(format: "%.3f", value)
}

func run() throws -> Int32 {
    var arguments = Array(CommandLine.arguments.dropFirst())
    func flag(_ name: String) -> Bool {
        guard let index = arguments.firstIndex(of: name) else { return false }
        arguments.remove(at: index)
        return true
    }
    let noFail = flag("--no-fail"), showErrors = flag("--errors"), explain = flag("--explain")
    var configFolder = "config"
    if let index = arguments.firstIndex(of: "--config"), index + 1 < arguments.count {
        configFolder = arguments[index + 1]
        arguments.removeSubrange(index...(index + 1))
    }
    if !FileManager.default.fileExists(atPath: configFolder + "/domains.toml") {
        // Run from elsewhere: the repository's config next to this source file.
        configFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../config").standardized.path
    }
    if let unknown = arguments.first(where: { $0.hasPrefix("-") }) {
        throw EvalError("unknown option \(unknown); usage: preglednik-eval [PATH] [--no-fail] [--errors] [--explain] [--config DIR]")
    }
    let path = arguments.first ?? "../shared/corpus/legislation/rs-gazette/metadata-dev.csv"
    guard FileManager.default.fileExists(atPath: path) else {
        throw EvalError("\(path) not found; pass the path of metadata-dev.csv")
    }
    let config = URL(fileURLWithPath: configFolder)
    let classifier = try Classifier.load(phasesFile: config.appendingPathComponent("phases.toml"),
                                         domainsFile: config.appendingPathComponent("domains.toml"))
    let mapping = try GroupMapping.load(path: config.appendingPathComponent("eval/rs-gazette-groups.toml").path)
    let (records, skipped) = try GazetteRecord.load(path: path)

    var perDomain: [String: Counts] = [:]
    var municipal = Counts()
    var strictMunicipal = Counts()
    var errors: [String: [String]] = [:]
    let now = Date()
    for record in records {
        let result = classifier.classify(ClassificationInput(title: record.title, jurisdiction: "rs", language: "sr",
                                                             sourceType: "gazette"), now: now)
        let gold = mapping.gold(record)
        let predicted = Set(result.domains.map(\.id))
        let why = explain ? "\n      why: " + result.why.joined(separator: "; ") : ""
        for domain in mapping.domains {
            let isPredicted = predicted.contains(domain), isGold = gold.domains.contains(domain)
            perDomain[domain, default: Counts()].add(predicted: isPredicted, gold: isGold)
            if isPredicted != isGold {
                errors[domain, default: []].append("\(isPredicted ? "FP" : "FN") \(record.title) [\(record.area) \(record.groupLabel)]\(why)")
            }
        }
        strictMunicipal.add(predicted: result.municipal, gold: gold.municipal == .yes)
        guard gold.municipal != .mixed else { continue }
        municipal.add(predicted: result.municipal, gold: gold.municipal == .yes)
        if result.municipal != (gold.municipal == .yes) {
            errors["municipal", default: []].append("\(result.municipal ? "FP" : "FN") \(String(format: "%.2f", result.relevance)) \(record.title) [\(record.area) \(record.groupLabel)]\(why)")
        }
    }

    printLine("preglednik-eval: \(records.count) acts from \(path)\(skipped > 0 ? " (\(skipped) malformed lines skipped)" : "")")
    printLine("domain                  support  precision  recall  F1")
    var f1Sum = 0.0
    let scored = mapping.domains.filter { perDomain[$0]?.support ?? 0 > 0 }
    for domain in scored {
        let counts = perDomain[domain] ?? Counts()
        f1Sum += counts.f1
        printLine("  " + domain.padding(toLength: 22, withPad: " ", startingAt: 0)
                  + String(format: "%7d  %9.3f  %6.3f  %5.3f", counts.support, counts.precision, counts.recall, counts.f1))
    }
    let macroF1 = scored.isEmpty ? 0 : f1Sum / Double(scored.count)
    printLine("macro-F1 over \(scored.count) domains: \(percent(macroF1))  (goal ≥ \(Goals.macroF1))")
    let mixed = records.filter { mapping.gold($0).municipal == .mixed }.count
    printLine("municipal (clear groups): precision \(percent(municipal.precision)) (goal ≥ \(Goals.municipalPrecision)), recall \(percent(municipal.recall)) (goal ≥ \(Goals.municipalRecall)); \(municipal.support) municipal acts, \(municipal.truePositives + municipal.falsePositives) flagged; \(mixed) acts of mixed groups left out")
    printLine("municipal (strict, mixed groups as negatives): precision \(percent(strictMunicipal.precision)), recall \(percent(strictMunicipal.recall)); \(strictMunicipal.truePositives + strictMunicipal.falsePositives) flagged")
    if showErrors || explain {
        for key in errors.keys.sorted() {
            printLine("errors: \(key)")
            for line in errors[key] ?? [] { printLine("    \(line)") }
        }
    }
    let met = macroF1 >= Goals.macroF1 && municipal.precision >= Goals.municipalPrecision && municipal.recall >= Goals.municipalRecall
    printLine(met ? "goals met" : "GOALS NOT MET")
    return met || noFail ? 0 : 1
}

do {
    exit(try run())
} catch {
    FileHandle.standardError.write(Data("preglednik-eval: \(error)\n".utf8))
    exit(2)
}
