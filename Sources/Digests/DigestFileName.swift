/// The archive's file names: `tedenske-novice-2026-W49.html`, `europreglednik-2026-W49.en.txt`,
/// `preglednik.html`, `preglednik-si.sr-Cyrl.html`. A non-default language adds `.LANG` before the extension.
struct DigestFileName: Sendable, Hashable {
    /// `weekly`, `eu` or `overview`.
    var kind: String
    /// The week (`2026-W49`) or the overview's jurisdiction (empty for all).
    var period: String
    /// The language suffix, nil for the default language.
    var languageSuffix: String?

    static let overviewStem = "preglednik"

    /// The name without extension.
    var stem: String {
        let base: String
        switch kind {
        case "overview": base = period.isEmpty ? Self.overviewStem : "\(Self.overviewStem)-\(period)"
        default: base = "\(DigestKind(rawValue: kind)?.fileStem ?? kind)-\(period)"
        }
        return languageSuffix.map { "\(base).\($0)" } ?? base
    }

    var html: String { "\(stem).html" }
    var text: String { "\(stem).txt" }

    init(kind: String, period: String, languageSuffix: String?) {
        self.kind = kind
        self.period = period
        self.languageSuffix = languageSuffix
    }

    /// Recognizes a digest's HTML file name; nil for anything else (`index.html`, …).
    init?(html name: String) {
        guard name.hasSuffix(".html"), !name.hasPrefix(".") else { return nil }
        var parts = name.dropLast(".html".count).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 1 || parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        let suffix = parts.count == 2 ? parts.removeLast() : nil
        let base = parts[0]
        for kind in DigestKind.allCases where base.hasPrefix("\(kind.fileStem)-") {
            let period = String(base.dropFirst(kind.fileStem.count + 1))
            guard let week = ISOWeek(string: period), week.description == period else { return nil }
            self.init(kind: kind.rawValue, period: period, languageSuffix: suffix)
            return
        }
        if base == Self.overviewStem {
            self.init(kind: "overview", period: "", languageSuffix: suffix)
        } else if base.hasPrefix("\(Self.overviewStem)-"), base.dropFirst(Self.overviewStem.count + 1).allSatisfy(\.isLetter) {
            self.init(kind: "overview", period: String(base.dropFirst(Self.overviewStem.count + 1)), languageSuffix: suffix)
        } else {
            return nil
        }
    }
}
