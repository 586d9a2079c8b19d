import Classification

/// A deterministic stream of realistic items for the classification benchmark: titles and summaries
/// built from the wording of the region's parliaments, gazettes and the EU, in Slovenian, Serbian
/// (Latin and Cyrillic), Bosnian and English, about half of them touching municipalities.
struct ClassifyWorkload {
    /// SplitMix64: the same workload on every run.
    private var state: UInt64

    init(seed: UInt64 = 0x5EED) {
        state = seed
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func pick(_ options: [String]) -> String {
        options[Int(next() % UInt64(options.count))]
    }

    struct Language {
        var code: String
        var jurisdiction: String
        var sourceType: String
        var acts: [String]
        var subjects: [String]
        var summaries: [String]
        var phases: [String]
    }

    static let languages: [Language] = [
        Language(code: "sl", jurisdiction: "si", sourceType: "parliament",
                 acts: ["Predlog zakona o", "Zakon o spremembah in dopolnitvah Zakona o", "Uredba o", "Pravilnik o", "Osnutek zakona o", "Odlok o"],
                 subjects: ["financiranju občin", "davku na dodano vrednost", "urejanju prostora", "lokalni samoupravi", "varstvu okolja",
                            "gospodarskih javnih službah", "osnovni šoli", "socialnem varstvu", "javnem naročanju", "cestah",
                            "zdravstveni dejavnosti", "športu", "kmetijskih zemljiščih", "obrambi", "tujcih", "bančništvu",
                            "pokopališki in pogrebni dejavnosti", "volitvah v državni zbor", "spodbujanju turizma", "elektronskem poslovanju"],
                 summaries: ["Predlog ureja financiranje nalog občin in določa povprečnino za leto 2027.",
                             "Zakon določa pravila za izvajanje nadzora in pristojnosti ministrstva ter prekrške.",
                             "Uredba ureja način izvajanja gospodarske javne službe zbiranja komunalnih odpadkov.",
                             "Spremembe usklajujejo zakon s pravom Evropske unije in odpravljajo administrativne ovire.",
                             "Pravilnik določa pogoje za izvajanje dejavnosti in vodenje evidenc."],
                 phases: ["prva obravnava", "druga obravnava - MDT", "tretja obravnava", "sprejet predlog", "konec postopka"]),
        Language(code: "sr", jurisdiction: "rs", sourceType: "gazette",
                 acts: ["Закон о", "Предлог закона о", "Уредба о", "Правилник о", "Одлука о"],
                 subjects: ["комуналним делатностима", "финансирању локалне самоуправе", "управљању отпадом", "основама система образовања и васпитања",
                            "здравственој заштити", "јавним путевима", "заштити од пожара", "становању и одржавању зграда", "војсци Србије",
                            "емисији дугорочних државних хартија од вредности", "буџетском систему", "туризму", "заштити биља", "спорту"],
                 summaries: ["Овим законом уређују се послови јединица локалне самоуправе и начин њиховог финансирања.",
                             "Уредба прописује услове и поступак издавања дозвола и вођења евиденција.",
                             "Правилник ступа на снагу осмог дана од дана објављивања у Службеном гласнику Републике Србије.",
                             "Одлука се доноси ради спровођења закона и обезбеђења средстава из буџета Републике Србије."],
                 phases: ["predlog zakona", "usvojen", "javna rasprava"]),
        Language(code: "sr", jurisdiction: "rs", sourceType: "government",
                 acts: ["Zakon o", "Predlog zakona o", "Uredba o", "Pravilnik o"],
                 subjects: ["lokalnoj samoupravi", "javnim nabavkama", "planiranju i izgradnji", "socijalnoj zaštiti", "poljoprivredi i ruralnom razvoju",
                            "platama službenika i nameštenika u jedinicama lokalne samouprave", "porezima na imovinu", "deviznom poslovanju"],
                 summaries: ["Nacrt je upućen na javnu raspravu u trajanju od 30 dana.",
                             "Zakonom se uređuju prava i obaveze opština i gradova u oblasti komunalnih delatnosti.",
                             "Predlog usklađuje propise sa zahtevima Evropske unije."],
                 phases: ["predlog zakona", "usvojen", "javna rasprava"]),
        Language(code: "bs", jurisdiction: "ba", sourceType: "parliament",
                 acts: ["Prijedlog zakona o", "Nacrt zakona o", "Zakon o izmjenama i dopunama Zakona o", "Odluka o"],
                 subjects: ["principima lokalne samouprave", "komunalnim djelatnostima", "porezu na dobit", "zaštiti okoliša", "osnovnom odgoju i obrazovanju",
                            "budžetima u Federaciji", "vodama", "cestama", "zaštiti i spašavanju ljudi i materijalnih dobara od prirodnih nesreća"],
                 summaries: ["Prijedlog zakona upućen je u parlamentarnu proceduru po hitnom postupku.",
                             "Zakonom se uređuju nadležnosti općina i kantona.",
                             "Izmjene se odnose na rokove i nadzor."],
                 phases: ["u proceduri", "Donesen", "Odbijen", "Povučen", "hitni postupak"]),
        Language(code: "en", jurisdiction: "eu", sourceType: "eu-procedure",
                 acts: ["Proposal for a Regulation of the European Parliament and of the Council on", "Directive (EU) 2026/1234 on",
                        "Commission Implementing Regulation (EU) 2026/987 on", "Council Decision on"],
                 subjects: ["urban wastewater treatment", "public procurement by local authorities", "the common agricultural policy",
                            "the European Regional Development Fund and the Cohesion Fund", "capital requirements for credit institutions",
                            "energy performance of buildings", "air quality and cleaner air for Europe", "the statute of the European Central Bank",
                            "interoperable digital public services", "civil protection and disaster risk management"],
                 summaries: ["The proposal aims to support municipalities and regions in the green transition; the Committee of the Regions was consulted.",
                             "This regulation lays down rules for the placing on the market of products and market surveillance.",
                             "The amendment aligns reporting obligations and reduces administrative burden for small and medium-sized enterprises."],
                 phases: ["Preparatory phase in Parliament", "Awaiting committee decision", "Awaiting Parliament's position in 1st reading",
                          "Awaiting Council's 1st reading position", "Procedure completed, awaiting publication in Official Journal",
                          "Procedure completed", "Procedure lapsed or withdrawn"]),
    ]

    /// The next item.
    mutating func item() -> ClassificationInput {
        let language = Self.languages[Int(next() % UInt64(Self.languages.count))]
        let title = pick(language.acts) + " " + pick(language.subjects)
        let summary = pick(language.summaries) + " " + pick(language.summaries)
        let phase: String? = next() % 3 == 0 ? nil : pick(language.phases)
        return ClassificationInput(title: title, summary: summary, source: "bench-\(language.jurisdiction)",
                                   jurisdiction: language.jurisdiction, language: language.code, phaseRaw: phase,
                                   sourceType: language.sourceType)
    }
}
