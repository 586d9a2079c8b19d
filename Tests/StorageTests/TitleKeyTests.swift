import Foundation
import Testing
import TextFolding
@testable import Storage

/// The Character-level definition the byte-level `TitleKey` must agree with: fold, drop bracketed
/// notes, split on anything that is not a letter or number, drop a leading procedural word.
private func referenceKey(_ title: String) -> String {
    var depth = 0
    let unbracketed = String(TextFolding.folded(title).unicodeScalars.filter { scalar in
        switch scalar {
        case "(", "[": depth += 1; return false
        case ")", "]": depth = max(depth - 1, 0); return false
        default: return depth == 0
        }
    }.map(Character.init))
    var words = unbracketed.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    for prefix in TitleKey.leadingWords.map({ $0.map { String(decoding: $0, as: UTF8.self) } })
    where words.starts(with: prefix) && words.count > prefix.count {
        words.removeFirst(prefix.count)
        if let nominative = TitleKey.nominativeActTypes[Array(words[0].utf8)] { words[0] = String(decoding: nominative, as: UTF8.self) }
        break
    }
    return words.joined(separator: " ")
}

struct TitleKeyTests {
    @Test("a proposal and the act it becomes share a key; an amending act does not", arguments: [
        ("Predlog zakona o financiranju občin (EPA 1234-IX)", "Zakon o financiranju občin", true),
        ("Предлог закона о локалној самоуправи", "Zakon o lokalnoj samoupravi", true),
        ("Proposal for a Regulation on packaging [COM(2022) 677]", "Regulation on packaging", true),
        ("Zakon o spremembah in dopolnitvah Zakona o urejanju prostora", "Zakon o urejanju prostora", false),
        ("Uredba o urejanju prostora", "Zakon o urejanju prostora", false),
    ])
    func identity(first: String, second: String, same: Bool) {
        #expect((TitleKey.of(first) == TitleKey.of(second)) == same)
        #expect(!TitleKey.of(first).isEmpty)
    }

    @Test("the byte-level key equals the Character-level definition", arguments: [
        "Predlog zakona o financiranju občin (EPA 1234-IX)",
        "Osnutek odloka o proračunu Občine Žalec za leto 2027 (nujni postopek)",
        "Zakon [o (vodah)] o vodah – ZV-1", "a(b)c d)e [f", "Predlog", "Proposal for an",
        "Закон о изменама и допунама Закона о буџетском систему", "Nacrt Zakona o Đurđevdanu — 3. dio",
        "Νόμος 4412/2016 για τις δημόσιες συμβάσεις", "法律 第12号 (改正)", "Naredba № 5/2026 o ... «mjerama»",
        "  \t\n", "", "Loi n° 2026-17 du 3 mars 2026 relative à l'eau", "ＺＡＫＯＮ ﬁnančni ½ ² ٣",
    ])
    func matchesReference(title: String) {
        #expect(TitleKey.of(title) == referenceKey(title))
    }
}

struct StorageCodingTests {
    @Test("dates are written as ISO 8601 in UTC, as Foundation writes them", arguments: [
        0.0, 951_782_400, 1_779_267_600, 1_782_863_999.75, 253_402_300_799,
    ])
    func dates(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(StorageCoding.string(date) == date.formatted(.iso8601))
        #expect(StorageCoding.date(StorageCoding.string(date)) == Date(timeIntervalSince1970: seconds.rounded(.down)))
    }

    @Test("JSON text is escaped only where needed")
    func quoting() throws {
        for text in ["local-finance", "", "a \"b\" \\ c", "line\nbreak\u{1}", "Občina Žalec"] {
            let decoded = try JSONDecoder().decode(String.self, from: Data(StorageCoding.quoted(text).utf8))
            #expect(decoded == text)
        }
    }

    @Test("domain scores are written as JSONEncoder writes them")
    func domainsJSON() throws {
        let domains = [StoredDomain(id: "local-finance", score: 0.8), StoredDomain(id: "a\"b", score: 1), StoredDomain(id: "x", score: 0.125)]
        for list in [[], Array(domains.prefix(1)), domains] {
            #expect(StorageCoding.json(domains: list) == StorageCoding.json(list))
        }
    }

    @Test("the incremental content hash equals the hash of the parts")
    func contentHash() {
        var hasher = ContentHash.Hasher()
        let parts: [String?] = ["Zakon o vodah", nil, "published", "", "Občina"]
        for part in parts { hasher.add(part) }
        #expect(hasher.hex == ContentHash.of(parts))
        #expect(ContentHash.of(["ab", "c"]) != ContentHash.of(["a", "bc"]))
        #expect(ContentHash.of(bytes: []) == "cbf29ce484222325")
    }

    @Test("item keys trim white space as Foundation does", arguments: [
        "guid-1", "  guid-2 \n", "\u{00A0}\u{2003}guid-3\u{3000}", " \t ", "", "\u{2028}x y\u{2029}",
    ])
    func trimming(text: String) {
        #expect(String(ActStore.trimmingWhitespace(text)) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("the search index's folded text is the folded title and summary", arguments: [
        ("Zakon o financiranju občin", "Povprečnina  za leto 2027" as String?),
        ("Закон о локалној самоуправи", nil), ("Odlok", "   "), ("Zakon o vodah", "Zakon o vodah"), (" \t", " \t"), ("  ", "Povzetek"), ("", ""), ("Á", "\u{0301}b"),
    ])
    func searchFolded(title: String, summary: String?) {
        let folded = ActStore.searchFolded(title: title, foldedTitle: TextFolding.foldedBytes(title), summary: summary)
        #expect(String(decoding: folded, as: UTF8.self) == TextFolding.folded(title + " " + (summary ?? "")))
    }
}
