import Classification
import Foundation
import Testing

/// The classifier keeps per-thread scratch memory and compares jurisdictions, languages and
/// sources as packed ASCII keys; these tests hold it to the plain, single-threaded answers.
@Suite("Classifier: per-thread scratch and packed keys agree with the plain answers")
struct ClassifierScratchTests {
    let classifier: Classifier
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    init() throws {
        classifier = try TestConfig.classifier()
    }

    /// Real wordings from several sources and scripts, with and without summaries.
    static let inputs: [ClassificationInput] = [
        ClassificationInput(title: "Predlog zakona o financiranju občin", summary: "Predlog ureja financiranje nalog občin.",
                            source: "si-dz", jurisdiction: "si", language: "sl", phaseRaw: "druga obravnava - MDT", sourceType: "parliament"),
        ClassificationInput(title: "Предлог закона о комуналним делатностима",
                            summary: "Овим законом уређују се послови јединица локалне самоуправе.",
                            jurisdiction: "rs", language: "sr", sourceType: "gazette"),
        ClassificationInput(title: "Nacrt zakona o principima lokalne samouprave", summary: "Zakonom se uređuju nadležnosti općina i kantona.",
                            jurisdiction: "ba", language: "bs", phaseRaw: "u proceduri"),
        ClassificationInput(title: "Proposal for a Regulation on urban wastewater treatment",
                            summary: "The Committee of the Regions was consulted; municipalities and regions are supported.",
                            source: "ep-oeil", jurisdiction: "eu", language: "en", phaseRaw: "Awaiting committee decision"),
        ClassificationInput(title: "Sprejet predlog", source: "si-edemokracija", jurisdiction: "si", language: "sl", phaseRaw: "sprejet"),
        ClassificationInput(title: "Zakon o vodama", jurisdiction: nil, language: nil),
    ]

    @Test("the same verdicts from many threads at once as from one")
    func threads() async {
        let shared = classifier, moment = now
        let expected = Self.inputs.map { shared.classify($0, now: moment) }
        await withTaskGroup(of: [Classification].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var results: [Classification] = []
                    for _ in 0..<200 {
                        results = Self.inputs.map { shared.classify($0, now: moment) }
                    }
                    return results
                }
            }
            for await results in group { #expect(results == expected) }
        }
    }

    @Test("classifiers of different sizes take turns on one thread without disturbing each other")
    func differentModels() throws {
        let other = try TestConfig.classifier(domains: """
        [languages]
        sl = ["sl"]
        [municipal]
        [municipal.terms]
        sl = ["občin*"]
        [[domain]]
        id = "utilities"
        municipal = 0.5
        [domain.terms]
        sl = ["komunaln*"]
        """)
        let input = Self.inputs[0]
        let big = classifier.classify(input, now: now), little = other.classify(input, now: now)
        for _ in 0..<3 {
            #expect(classifier.classify(input, now: now) == big)
            #expect(other.classify(input, now: now) == little)
        }
        #expect(little.why.contains("municipal: \"občin\" in title"))
    }

    @Test("jurisdiction, language and source match whatever their case, and long or non-ASCII values still work")
    func keys() {
        for input in Self.inputs {
            var shouted = input
            shouted.jurisdiction = input.jurisdiction?.uppercased()
            shouted.language = input.language?.uppercased()
            shouted.source = input.source?.uppercased()
            #expect(classifier.classify(shouted, now: now) == classifier.classify(input, now: now))
        }
        var long = Self.inputs[0]
        long.source = "si-dz-a-source-id-longer-than-twenty-three-bytes"
        long.language = "sl-latn-si-with-a-long-tag"
        let result = classifier.classify(long, now: now)
        #expect(result.phase == .secondReading)
        var odd = Self.inputs[0]
        odd.jurisdiction = "šі"
        #expect(classifier.classify(odd, now: now).phase == .unclassified)
    }

    /// The shipped rules limit none by source or language, so these are written here: each scope is
    /// compared as a packed key when it can be, else as a string (long or non-ASCII values).
    @Test("rules limited by source or language admit them whatever their case, length or script")
    func scopedRules() throws {
        // (phase, scope) per rule, in order; the last rule has no scope and catches the rest.
        let rules = [("committee", #"source = ["si-dz"]"#), ("adopted", #"language = ["sl"]"#),
                     ("rejected", #"source = ["si-dz-a-source-id-longer-than-twenty-three-bytes"]"#),
                     ("withdrawn", #"language = ["šl"]"#), ("draft", "")]
        let scoped = try TestConfig.classifier(phases: rules.map { "[[rule]]\nphase = \"\($0.0)\"\nequals = \"x\"\n\($0.1)\n" }.joined())
        func phase(source: String?, language: String?) -> Phase {
            scoped.classify(ClassificationInput(title: "t", source: source, language: language, phaseRaw: "X"), now: now).phase
        }
        #expect(phase(source: "si-dz", language: "de") == .committee)
        #expect(phase(source: "SI-DZ", language: "de") == .committee)
        #expect(phase(source: "other", language: "SL") == .adopted)
        #expect(phase(source: "SI-DZ-A-SOURCE-ID-LONGER-THAN-TWENTY-THREE-BYTES", language: nil) == .rejected)
        #expect(phase(source: nil, language: "ŠL") == .withdrawn)
        #expect(phase(source: "si-dz-a-source-id-longer-than-twenty-three-bytes-and-more", language: "šl-x") == .draft)
        #expect(phase(source: nil, language: nil) == .draft)
    }
}
