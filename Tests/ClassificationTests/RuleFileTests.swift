import ConfigFiles
import Classification
import Foundation
import Testing

@Suite("Rule files: the shipped ones load; errors name the file, line and key")
struct RuleFileTests {
    @Test("the shipped phases.toml and domains.toml load and cover every domain id")
    func shipped() throws {
        let classifier = try TestConfig.classifier()
        #expect(classifier.matcher.termCount > 500)
        let text = try String(contentsOf: TestConfig.domains, encoding: .utf8)
        for id in Classifier.domainIDs {
            #expect(text.contains("id = \"\(id)\""), "domains.toml lacks \(id)")
        }
    }

    /// The error loading rule files with these texts gives (nil: the shipped file), or nil when they load.
    func loadError(phases: String? = nil, domains: String? = nil) -> ConfigError? {
        do {
            _ = try TestConfig.classifier(phases: phases, domains: domains)
            return nil
        } catch let error as ConfigError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test("an unknown phase names the file, the rule, the key and the allowed phases")
    func unknownPhase() throws {
        let error = try #require(loadError(phases: """
            [[rule]]
            phase = "proposal"
            prefix = "predlog"

            [[rule]]
            phase = "second reading"
            prefix = "druga obravnava"
            """))
        #expect(error.file.hasSuffix("phases.toml"))
        #expect(error.key == "rule[2].phase")
        #expect(error.line == 6)
        #expect(error.message.contains("second-reading"))
        #expect(error.description.contains("phases.toml:6: rule[2].phase:"))
    }

    @Test("a rule needs exactly one test; a bad regex is reported")
    func ruleTests() throws {
        let none = try #require(loadError(phases: "[[rule]]\nphase = \"draft\"\n"))
        #expect(none.key == "rule[1]" && none.message.contains("exactly one"))
        let two = try #require(loadError(phases: "[[rule]]\nphase = \"draft\"\nprefix = \"a\"\ncontains = \"b\"\n"))
        #expect(two.key == "rule[1].prefix" || two.key == "rule[1].contains")
        let regex = try #require(loadError(phases: "[[rule]]\nphase = \"draft\"\nregex = \"(unclosed\"\n"))
        #expect(regex.key == "rule[1].regex" && regex.line == 3)
        let field = try #require(loadError(phases: "[[rule]]\nphase = \"draft\"\nfield = \"summary\"\nprefix = \"x\"\n"))
        #expect(field.key == "rule[1].field" && field.message.contains("phase_raw"))
    }

    @Test("a regex rule matches folded text")
    func regexRule() throws {
        let classifier = try TestConfig.classifier(phases: "[[rule]]\nphase = \"committee\"\nregex = \"^obravnava na (odboru|mdt)\"\n")
        let result = classifier.classify(ClassificationInput(title: "x", phaseRaw: "Obravnava na Odboru"), now: Date())
        #expect(result.phase == .committee)
    }

    @Test("TOML syntax errors carry the line")
    func syntax() throws {
        let error = try #require(loadError(domains: "[settings]\nmunicipal_threshold = = 1\n"))
        #expect(error.file.hasSuffix("domains.toml"))
        #expect(error.line == 2)
    }

    @Test("domain errors: unknown id, wrong type, unknown key, unknown term list")
    func domainErrors() throws {
        let base = "[languages]\nsl = [\"sl\"]\n[municipal]\n[municipal.terms]\nsl = [\"občin*\"]\n"
        let id = try #require(loadError(domains: base + "[[domain]]\nid = \"parks\"\n"))
        #expect(id.key == "domain[1].id" && id.line == 7 && id.message.contains("local-government"))
        let type = try #require(loadError(domains: base + "[[domain]]\nid = \"utilities\"\nmunicipal = \"high\"\n"))
        #expect(type.key == "domain[1].municipal" && type.line == 8)
        let key = try #require(loadError(domains: base + "[[domain]]\nid = \"utilities\"\nweigth = 1\n"))
        #expect(key.key == "domain[1].weigth" && key.message.contains("allowed here"))
        let list = try #require(loadError(domains: base + "[[domain]]\nid = \"utilities\"\n[domain.terms]\nde = [\"abfall*\"]\n"))
        #expect(list.key == "domain[1].terms.de" && list.line == 9 && list.message.contains("[languages]"))
        let range = try #require(loadError(domains: "[settings]\ndomain_threshold = 2\n" + base + "[[domain]]\nid = \"utilities\"\n"))
        #expect(range.key == "settings.domain_threshold" && range.line == 2)
    }

    @Test("errors inside sub-tables name the sub-table and its own line, in the right array entry")
    func subTableErrors() throws {
        let base = "[languages]\nsl = \"sl\"\n[municipal]\n[municipal.terms]\nsl = \"občin*\"\n"
        // Lines 6–13: two signals, the second with an unknown term list on line 13.
        let signals = "[[signal]]\nname = \"a\"\n[signal.terms]\nsl = [\"x\"]\n[[signal]]\nname = \"b\"\n[signal.terms]\nde = [\"y\"]\n"
        let domain = "[[domain]]\nid = \"utilities\"\n"
        let signal = try #require(loadError(domains: base + signals + domain))
        #expect(signal.key == "signal[2].terms.de" && signal.line == 13 && signal.message.contains("[languages]"))
        let municipal = try #require(loadError(domains: base.replacingOccurrences(of: "sl = \"občin*\"", with: "xx = [\"a\"]") + domain))
        #expect(municipal.key == "municipal.terms.xx" && municipal.line == 5)
        let type = try #require(loadError(domains: base.replacingOccurrences(of: "sl = \"občin*\"", with: "sl = 3") + domain))
        #expect(type.key == "municipal.terms.sl" && type.line == 5 && type.message.contains("a string or a list of strings"))
        let top = try #require(loadError(domains: "colour = 1\n" + base + domain))
        #expect(top.key == "colour" && top.line == 1 && top.message.contains("allowed here"))
    }

    @Test("a single string stands for a list of one, in term lists, languages and rule values")
    func singleStrings() throws {
        let classifier = try TestConfig.classifier(
            phases: "[[rule]]\nphase = \"draft\"\nprefix = \"osnutek\"\nlanguage = \"sl\"\n",
            domains: "[languages]\nsl = \"sl\"\n[municipal]\n[municipal.terms]\nsl = \"občin*\"\n[[domain]]\nid = \"utilities\"\n[domain.terms]\nsl = \"vodovod*\"\n")
        let result = classifier.classify(ClassificationInput(title: "Osnutek odloka o vodovodu v občini", language: "sl",
                                                             phaseRaw: "Osnutek"), now: Date())
        #expect(result.phase == .draft)
        #expect(result.municipal)
        #expect(result.domains.map(\.id) == ["utilities"])
    }

    @Test("a missing file is named")
    func missing() {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString)")
        #expect(throws: ConfigError.self) {
            try Classifier.load(phasesFile: folder.appendingPathComponent("phases.toml"), domainsFile: TestConfig.domains)
        }
    }
}
