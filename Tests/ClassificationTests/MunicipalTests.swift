import Classification
import Foundation
import Testing

@Suite("Municipal relevance and domains from the shipped config/domains.toml")
struct MunicipalTests {
    let classifier: Classifier

    init() throws {
        classifier = try TestConfig.classifier()
    }

    func classify(_ title: String, summary: String? = nil, language: String?) -> Classification {
        classifier.classify(ClassificationInput(title: title, summary: summary, language: language), now: Date())
    }

    static let municipal: [(title: String, language: String, domain: String?)] = [
        ("Predlog zakona o financiranju občin", "sl", "local-finance"),
        ("Zakon o lokalni samoupravi", "sl", nil),
        ("Uredba o gospodarskih javnih službah varstva okolja in komunalnih storitvah", "sl", "utilities"),
        ("Zakon o finansiranju lokalne samouprave", "sr", "local-finance"),
        ("Одлука о распуштању Скупштине општине Кула", "sr", nil),
        ("Предлог закона о комуналним делатностима", "sr", "utilities"),
        ("Zakon o principima lokalne samouprave u Federaciji Bosne i Hercegovine", "bs", nil),
        ("Zakon o komunalnim djelatnostima", "bs", "utilities"),
        ("Directive on public procurement by local authorities", "en", "public-procurement"),
        ("Regulation on urban wastewater treatment", "en", "utilities"),
    ]

    @Test("direct mentions and strongly municipal domains make an act municipal", arguments: municipal.indices)
    func municipalExamples(_ index: Int) {
        let example = Self.municipal[index]
        let result = classify(example.title, language: example.language)
        #expect(result.municipal, "\(example.title): \(result.why)")
        #expect(result.relevance >= 0.6 && result.relevance <= 1)
        if let domain = example.domain {
            #expect(result.domains.contains { $0.id == domain }, "\(example.title): \(result.domains)")
        }
        #expect(result.why.contains { $0.hasPrefix("municipal: ") || $0.contains(": \"") })
    }

    static let negatives: [(title: String, language: String)] = [
        ("Predlog zakona o davku na dodano vrednost", "sl"),
        ("Zakon o obrambi", "sl"),
        ("Одлука о емисији дугорочних државних хартија од вредности", "sr"),
        ("Zakon o Vojsci Srbije", "sr"),
        ("Odluka o Požarevačkom vojnom odsjeku", "bs"),
        ("Regulation on the statute of the European Central Bank", "en"),
    ]

    @Test("acts without municipal evidence are not municipal", arguments: negatives.indices)
    func negativeExamples(_ index: Int) {
        let example = Self.negatives[index]
        let result = classify(example.title, language: example.language)
        #expect(!result.municipal, "\(example.title): \(result.why)")
        #expect(result.relevance < 0.6)
    }

    @Test("terms match words that open with typographic quotes")
    func quotedWords() {
        let result = classify("Odluka o osnivanju JKP „Vodovod” Kula", language: "sr")
        #expect(result.domains.contains { $0.id == "utilities" }, "\(result.why)")
        #expect(classify("Zakon o «lokalni samoupravi»", language: "sl").municipal)
    }

    @Test("why names the matched terms and where they were found")
    func why() {
        let result = classify("Predlog zakona o financiranju občin", summary: "Ureja komunalni prispevek.", language: "sl")
        #expect(result.why.contains("municipal: \"občin\" in title"), "\(result.why)")
        #expect(result.why.contains("local-finance: \"financiranj občin\" in title"), "\(result.why)")
        #expect(result.why.contains("local-finance: \"komunaln prispev\" in summary"), "\(result.why)")
    }

    @Test("evidence in the summary counts less than in the title")
    func summaryWeighsLess() {
        let inTitle = classify("Zakon o šolstvu", language: "sl")
        let inSummary = classify("Zakon o spremembah", summary: "Zakon o šolstvu", language: "sl")
        let titleScore = inTitle.domains.first { $0.id == "education" }?.score ?? 0
        let summaryScore = inSummary.domains.first { $0.id == "education" }?.score ?? 0
        #expect(titleScore > summaryScore)
    }

    @Test("Latin and Cyrillic spellings of one act classify alike")
    func scripts() {
        let latin = classify("Zakon o komunalnim delatnostima i lokalnoj samoupravi", language: "sr")
        let cyrillic = classify("Закон о комуналним делатностима и локалној самоуправи", language: "sr")
        #expect(latin.domains == cyrillic.domains)
        #expect(latin.relevance == cyrillic.relevance)
        #expect(latin.municipal && cyrillic.municipal)
    }

    @Test("term lists follow the item's language; unknown languages use every list")
    func languages() {
        #expect(classify("Local authorities and waste", language: "sl").municipal == false)
        #expect(classify("Local authorities and waste", language: "en").municipal)
        #expect(classify("Local authorities and waste", language: nil).municipal)
    }

    @Test("naming every level of government weakens a bare municipal mention")
    func sharedLevels() {
        let general = classify("Уредба о пројектима које финансира буџет Републике Србије, аутономне покрајине и јединица локалне самоуправе", language: "sr")
        let specific = classify("Уредба о пројектима које финансира јединица локалне самоуправе", language: "sr")
        #expect(general.relevance < specific.relevance)
        #expect(specific.municipal)
        #expect(general.why.contains { $0.contains("every level of government") })
    }
}
