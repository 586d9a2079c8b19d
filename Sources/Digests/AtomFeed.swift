import Foundation

/// `feed.xml`: an Atom 1.0 feed with one entry per weekly digest in the default language, newest first.
/// Ids are stable (the digest's address, or a `urn:preglednik:` name without a site address) and
/// `updated` is the digest's own date, so rewriting the feed never changes it without a reason.
struct AtomFeed {
    let title: String
    let siteURL: String?
    let entries: [ArchiveManifest.Entry]

    var xml: String {
        let digests = entries.filter { $0.isDefaultLanguage && $0.kind != "overview" }
            .sorted { ($1.period, $1.kind) < ($0.period, $0.kind) }
        let updated = digests.map(\.generatedAt).max() ?? Date(timeIntervalSince1970: 0)
        let language = digests.first?.language ?? "sl"
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(Markup.escape(language))\">",
            "  <title>\(Markup.escape(title))</title>",
            "  <id>\(Markup.escape(siteURL.map { "\($0)/feed.xml" } ?? "urn:preglednik:archive"))</id>",
            "  <updated>\(Self.timestamp(updated))</updated>",
            "  <author><name>\(Markup.escape(title))</name></author>",
            "  <generator>Preglednik</generator>",
        ]
        if let siteURL {
            lines.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(Markup.escape(siteURL))/feed.xml\"/>")
        }
        lines.append("  <link rel=\"alternate\" type=\"text/html\" href=\"\(Markup.escape(address("index.html")))\"/>")
        for digest in digests {
            lines += [
                "  <entry>",
                "    <title>\(Markup.escape(digest.title))</title>",
                "    <id>\(Markup.escape(siteURL.map { "\($0)/\(digest.html)" } ?? "urn:preglednik:\(digest.kind):\(digest.period)"))</id>",
                "    <updated>\(Self.timestamp(digest.generatedAt))</updated>",
                "    <link rel=\"alternate\" type=\"text/html\" href=\"\(Markup.escape(address(digest.html)))\"/>",
            ]
            if !digest.text.isEmpty {
                lines.append("    <link rel=\"alternate\" type=\"text/plain\" href=\"\(Markup.escape(address(digest.text)))\"/>")
            }
            if !digest.summary.isEmpty {
                lines.append("    <summary>\(Markup.escape(digest.summary))</summary>")
            }
            lines.append("  </entry>")
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    private func address(_ file: String) -> String {
        siteURL.map { "\($0)/\(file)" } ?? file
    }

    /// RFC 3339 in UTC, whole seconds.
    static func timestamp(_ date: Date) -> String {
        let utc = TimeZone(secondsFromGMT: 0)!
        let civil = CivilDate(date, in: utc)
        let year = String(civil.year)
        let padded = String(repeating: "0", count: max(0, 4 - year.count)) + year
        return "\(padded)-\(DigestDateFormat.twoDigits(civil.month))-\(DigestDateFormat.twoDigits(civil.day))T\(DigestDateFormat.clock(date, in: utc, seconds: true))Z"
    }
}
