/// `index.html`: every digest in the folder, the overview first, then each kind newest week first, with
/// the languages of one digest side by side. Built from the manifest only, so it is deterministic.
struct ArchiveIndexPage {
    let title: String
    let entries: [ArchiveManifest.Entry]

    private static let kindOrder = ["overview", "weekly", "eu"]

    var html: String {
        let language = defaultLanguage
        var lines = [
            "<!DOCTYPE html>",
            "<html lang=\"\(Markup.escape(language))\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(Markup.escape(title))</title>",
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.xml\" title=\"\(Markup.escape(title))\">",
            "<style>",
            "body { font-family: Arial, Helvetica, sans-serif; color: #1d2733; margin: 24px; }",
            "table { border-collapse: collapse; }",
            "th, td { text-align: left; padding: 6px 12px; border-bottom: 1px solid #d6dde5; vertical-align: top; }",
            "a { color: #0b5cad; }",
            "</style>",
            "</head>",
            "<body>",
            "<h1>\(Markup.escape(title))</h1>",
            "<p><a href=\"feed.xml\">Atom</a></p>",
        ]
        let kinds = Set(entries.map(\.kind)).sorted { Self.rank($0) < Self.rank($1) }
        for kind in kinds {
            let ofKind = entries.filter { $0.kind == kind }
            let heading = ofKind.first { $0.isDefaultLanguage && !$0.heading.isEmpty && $0.heading != kind }?.heading
                ?? ofKind.first { !$0.heading.isEmpty }?.heading ?? kind
            lines.append("<h2>\(Markup.escape(heading))</h2>")
            lines.append("<table>")
            let languages = Self.columns(ofKind)
            let periods = Set(ofKind.map(\.period)).sorted { kind == "overview" ? $0 < $1 : $0 > $1 }
            for period in periods {
                let cells = languages.map { language in
                    ofKind.first { $0.period == period && $0.language == language }.map(cell) ?? "<td></td>"
                }
                let label = period.isEmpty ? "–" : period
                lines.append("<tr><th scope=\"row\">\(Markup.escape(label))</th>\(cells.joined())</tr>")
            }
            lines.append("</table>")
        }
        lines += ["</body>", "</html>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private func cell(_ entry: ArchiveManifest.Entry) -> String {
        var links = "<a href=\"\(Markup.escape(entry.html))\" hreflang=\"\(Markup.escape(entry.language))\">\(Markup.escape(entry.title))</a>"
        if !entry.text.isEmpty {
            links += " · <a href=\"\(Markup.escape(entry.text))\">txt</a>"
        }
        return "<td><b>\(Markup.escape(entry.language))</b> \(links)</td>"
    }

    /// One column per language of a kind: the default language first, then in `DigestRenderer.languages`
    /// order, then any other language alphabetically.
    private static func columns(_ entries: [ArchiveManifest.Entry]) -> [String] {
        func rank(_ language: String) -> (Int, Int, String) {
            let isDefault = entries.contains { $0.language == language && $0.isDefaultLanguage }
            return (isDefault ? 0 : 1, DigestRenderer.languages.firstIndex(of: language) ?? DigestRenderer.languages.count, language)
        }
        return Set(entries.map(\.language)).sorted { rank($0) < rank($1) }
    }

    /// The language most default-language digests are in; `sl` when nothing says otherwise.
    private var defaultLanguage: String {
        let counts = Dictionary(grouping: entries.filter(\.isDefaultLanguage), by: \.language)
            .mapValues(\.count)
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.first?.key ?? "sl"
    }

    private static func rank(_ kind: String) -> (Int, String) {
        (kindOrder.firstIndex(of: kind) ?? kindOrder.count, kind)
    }
}
