import Classification
import Foundation
import Testing

@Suite("Phase rules of the shipped config/phases.toml")
struct PhaseTests {
    let classifier: Classifier
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    init() throws {
        classifier = try TestConfig.classifier()
    }

    func phase(_ raw: String?, title: String = "Zakon o spremembah zakona", jurisdiction: String?, language: String? = nil,
               sourceType: String? = nil, inForce: Date? = nil, defaultPhase: Phase? = nil) -> Phase {
        classifier.classify(ClassificationInput(title: title, jurisdiction: jurisdiction, language: language, phaseRaw: raw,
                                                sourceType: sourceType, defaultPhase: defaultPhase, inForce: inForce), now: now).phase
    }

    static let vocabulary: [(raw: String, jurisdiction: String, phase: Phase)] = [
        // Državni zbor
        ("prva obravnava", "si", .firstReading), ("druga obravnava - MDT", "si", .secondReading),
        ("druga obravnava - DZ", "si", .secondReading), ("tretja obravnava", "si", .thirdReading),
        ("sprejet predlog", "si", .adopted), ("zahteva za ponovno odločanje", "si", .reconsideration),
        ("Zakonodajni referendum", "si", .reconsideration), ("konec postopka", "si", .withdrawn),
        ("obravnava - DZ", "si", .firstReading),
        // e-Demokracija
        ("v pripravi", "si", .draft), ("javna obravnava", "si", .consultation), ("sprejet", "si", .adopted),
        // EP Legislative Observatory
        ("Preparatory phase in Parliament", "eu", .proposal), ("Awaiting committee decision", "eu", .committee),
        ("Awaiting Parliament's position in 1st reading", "eu", .firstReading),
        ("Awaiting Council's 1st reading position", "eu", .secondReading),
        ("Procedure completed, awaiting publication in Official Journal", "eu", .adopted),
        ("Procedure completed", "eu", .published), ("Procedure lapsed or withdrawn", "eu", .withdrawn),
        ("Procedure rejected", "eu", .rejected), ("Awaiting final decision", "eu", .firstReading),
        // Bosnia and Herzegovina, Republika Srpska
        ("u proceduri", "ba", .proposal), ("Donesen", "srpska", .adopted), ("Odbijen", "ba", .rejected),
        ("Povučen", "srpska", .withdrawn), ("nacrt", "ba", .draft), ("prijedlog", "srpska", .proposal),
        ("hitni postupak", "srpska", .proposal), ("Нацрт закона", "srpska", .draft), ("Повучен", "srpska", .withdrawn),
        // Serbia
        ("predlog zakona", "rs", .proposal), ("usvojen", "rs", .adopted), ("javna rasprava", "rs", .consultation),
        ("Предлог закона", "rs", .proposal), ("Усвојен", "rs", .adopted),
        // Readings in the Narodna skupština RS and the BiH Parliamentary Assembly, as their pages word them
        ("Поднет", "rs", .proposal), ("Хитан поступак", "rs", .proposal), ("Расправа у начелу", "rs", .firstReading),
        ("Расправа у појединостима", "rs", .secondReading), ("Усвојен у начелу", "rs", .firstReading),
        ("Prvo čitanje", "ba", .firstReading), ("Drugo čitanje", "ba", .secondReading), ("Treće čitanje", "srpska", .thirdReading),
    ]

    @Test("every real vocabulary phrase gets its phase", arguments: vocabulary.indices)
    func vocabularyPhrase(_ index: Int) {
        let entry = Self.vocabulary[index]
        #expect(phase(entry.raw, jurisdiction: entry.jurisdiction) == entry.phase, "\(entry.raw)")
    }

    @Test("e-Demokracija's \"sprejet\" (adopted by the government) is a proposal; Državni zbor's is adoption")
    func sprejetDependsOnSource() {
        let consultation = classifier.classify(ClassificationInput(title: "Predlog zakona o gasilstvu", source: "si-edemokracija",
                                                                   jurisdiction: "si", phaseRaw: "Sprejet"), now: now)
        #expect(consultation.phase == .proposal)
        let parliament = classifier.classify(ClassificationInput(title: "Predlog zakona o gasilstvu", source: "si-dz-predlogi-zakonov",
                                                                 jurisdiction: "si", phaseRaw: "Sprejet"), now: now)
        #expect(parliament.phase == .adopted)
    }

    @Test("typographic variants of a wording get the same phase")
    func typographicVariants() {
        #expect(phase("Awaiting Parliament’s position in 1st reading", jurisdiction: "eu") == .firstReading)
        #expect(phase("Awaiting Council’s 1st reading position", jurisdiction: "eu") == .secondReading)
        #expect(phase("obravnava – DZ", jurisdiction: "si") == .firstReading)
    }

    @Test("rules are scoped: a DZ wording means nothing for the EU")
    func scoped() {
        #expect(phase("prva obravnava", jurisdiction: "eu") == .unclassified)
        #expect(phase("Procedure completed", jurisdiction: "si") == .unclassified)
    }

    @Test("an unknown raw wording stays unclassified, even with a telling title or a default phase")
    func unmatched() {
        #expect(phase("nova faza postopka", title: "Predlog zakona o občinah", jurisdiction: "si") == .unclassified)
        #expect(phase("nova faza", jurisdiction: "si", defaultPhase: .proposal) == .unclassified)
        let result = classifier.classify(ClassificationInput(title: "X", jurisdiction: "si", phaseRaw: "nova faza"), now: now)
        #expect(result.matchedPhaseRule == nil)
        #expect(result.why.contains("phase: no rule for \"nova faza\""))
    }

    @Test("without a raw phase the title decides: Predlog, Osnutek, Nacrt, Prijedlog, Предлог")
    func titles() {
        #expect(phase(nil, title: "Predlog zakona o financiranju občin", jurisdiction: "si") == .proposal)
        #expect(phase(nil, title: "Osnutek uredbe o …", jurisdiction: "si") == .draft)
        #expect(phase(nil, title: "Nacrt zakona o lokalnoj samoupravi", jurisdiction: "ba") == .draft)
        #expect(phase(nil, title: "Prijedlog zakona o komunalnim djelatnostima", jurisdiction: "ba") == .proposal)
        #expect(phase(nil, title: "Предлог закона о комуналним делатностима", jurisdiction: "rs", language: "sr") == .proposal)
        #expect(phase(nil, title: "Zakon o davku", jurisdiction: "si") == .unclassified)
        #expect(phase(nil, title: "Zakon o davku", jurisdiction: "si", defaultPhase: .adopted) == .adopted)
    }

    @Test("a gazette item is published, and in force once its entry-into-force date has passed")
    func gazette() {
        let day: TimeInterval = 86_400
        #expect(phase(nil, title: "Zakon o lokalni samoupravi", jurisdiction: "si", sourceType: "gazette") == .published)
        #expect(phase(nil, title: "Zakon o lokalni samoupravi", jurisdiction: "si", sourceType: "gazette",
                      inForce: now.addingTimeInterval(day)) == .published)
        #expect(phase(nil, title: "Zakon o lokalni samoupravi", jurisdiction: "si", sourceType: "gazette",
                      inForce: now.addingTimeInterval(-day)) == .inForce)
        #expect(phase(nil, title: "Proposal for a Regulation", jurisdiction: "eu", sourceType: "eu-journal",
                      inForce: now) == .inForce)
        let why = classifier.classify(ClassificationInput(title: "Uredba", sourceType: "gazette", inForce: now.addingTimeInterval(-day)), now: now).why
        #expect(why.contains { $0.hasPrefix("phase: rule \"gazette item\"") })
        #expect(why.contains { $0.hasPrefix("phase: in force since ") })
    }

    @Test("raw phases in the real Državni zbor XML excerpts and EP procedure pages are all placed",
          .enabled(if: FileManager.default.fileExists(atPath: TestConfig.corpus.path), "../shared/corpus/legislation is absent"))
    func realPages() throws {
        let folder = TestConfig.corpus
        var checked = 0
        let dz = folder.appendingPathComponent("si-dz")
        for name in try FileManager.default.contentsOfDirectory(atPath: dz.path) where name.hasSuffix(".txt") {
            let text = try String(contentsOf: dz.appendingPathComponent(name), encoding: .utf8)
            for match in text.matches(of: /<KARTICA_FAZA_POSTOPKA>([^<]+)</) {
                let raw = String(match.1)
                #expect(phase(raw, jurisdiction: "si") != .unclassified, "\(name): \(raw)")
                checked += 1
            }
        }
        let expected: [String: Phase] = ["Procedure completed": .published, "Procedure rejected": .rejected,
                                         "Awaiting final decision": .firstReading]
        let ep = folder.appendingPathComponent("eu-howtheyvote")
        let files = FileManager.default.enumerator(atPath: ep.path)?.compactMap { $0 as? String } ?? []
        for name in files where name.hasSuffix(".html") && name.contains("procedure") {
            let html = try String(contentsOf: ep.appendingPathComponent(name), encoding: .utf8)
            guard let start = html.range(of: "Stage reached in procedure") else { continue }
            let plain = html[start.upperBound...].prefix(2000).replacing(/<[^>]+>/, with: " ")
            let stage = plain.split(whereSeparator: \.isWhitespace).prefix(8).joined(separator: " ")
            guard let (wording, phase) = expected.first(where: { stage.hasPrefix($0.key) }) else {
                Issue.record("\(name): unknown stage \(stage)")
                continue
            }
            #expect(self.phase(wording, jurisdiction: "eu") == phase, "\(name)")
            checked += 1
        }
        #expect(checked >= 5)
    }
}
