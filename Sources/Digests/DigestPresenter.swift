import Foundation

/// Turns digest values into the dictionaries the Mustache templates see, in one language. Every key is
/// always present (empty string or `false` rather than missing), so a template never picks up a value of
/// an enclosing object by accident.
struct DigestPresenter {
    let labels: DigestLabels
    let language: String
    let format: DigestDateFormat

    init(labels: DigestLabels, language: String, timeZone: TimeZone) {
        self.labels = labels
        self.language = language
        self.format = DigestDateFormat(labels: labels, language: language, timeZone: timeZone)
    }

    func phaseName(_ id: String) -> String { labels.text("phases.\(id)", language) }
    func domainName(_ id: String) -> String { labels.text("domains.\(id)", language) }
    func heading(_ key: String) -> String { labels.text("headings.\(key)", language) }

    /// One act with everything the weekly digests and the overview show.
    func act(_ act: DigestAct, now: Date? = nil) -> [String: Any] {
        let timeline = act.timeline.enumerated()
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map { event(for: $0.element) }
        let domains = act.domains.sorted { ($1.score, $0.id) < ($0.score, $1.id) }
        let domainList: [[String: Any]] = domains.map { ["name": domainName($0.id), "score": Self.decimal($0.score)] }
        return [
            "id": act.id,
            "title": Self.oneLine(act.title),
            "phase": phaseName(act.phase),
            "phase_id": act.phase,
            "jurisdiction": labels.text("jurisdictions.\(act.jurisdiction)", language),
            "identifiers": act.identifiers.map(Self.oneLine).joined(separator: ", "),
            "has_identifiers": !act.identifiers.isEmpty,
            "links": act.links.map(Self.link),
            "has_links": !act.links.isEmpty,
            "sources": act.sourceNames.joined(separator: ", "),
            "has_sources": !act.sourceNames.isEmpty,
            "timeline": timeline,
            "has_timeline": !timeline.isEmpty,
            "domains": domains.map { domainName($0.id) }.joined(separator: ", "),
            "domain_list": domainList,
            "has_domains": !domains.isEmpty,
            "relevance": Self.decimal(act.relevance),
            "municipal": act.municipal,
            "why": act.why.map(Self.oneLine),
            "has_why": !act.why.isEmpty,
            "phase_since": format.date(act.phaseSince),
            "last_change": format.date(act.lastChange),
            "days_in_phase": now.map { String(format.days(from: act.phaseSince, to: $0)) } ?? "",
        ]
    }

    private func event(for event: DigestEvent) -> [String: Any] {
        let raw = Self.oneLine(event.phaseRaw ?? "")
        let link = Self.link(event.url ?? "")
        return [
            "date": format.date(event.date),
            "phase": phaseName(event.phase),
            "raw": raw,
            "has_raw": !raw.isEmpty && raw != phaseName(event.phase),
            "source": event.sourceName,
            "url": link["url"] as? String ?? "",
            "clickable": link["clickable"] as? Bool ?? false,
            "has_url": !(event.url ?? "").isEmpty,
        ]
    }

    /// Acts of one phase, grouped by primary domain: the group holding the most municipally relevant act
    /// first; inside a group municipal acts first, then by relevance, title and id.
    func domainGroups(_ acts: [DigestAct], now: Date? = nil) -> [[String: Any]] {
        let byDomain = Dictionary(grouping: acts) { $0.primaryDomain ?? "" }
        let groups = byDomain.map { domain, acts in (domain: domain, acts: acts.sorted(by: Self.moreRelevant)) }
            .sorted { lhs, rhs in
                if lhs.domain.isEmpty != rhs.domain.isEmpty { return rhs.domain.isEmpty }
                let (l, r) = (lhs.acts[0], rhs.acts[0])
                if l.municipal != r.municipal { return l.municipal }
                if l.relevance != r.relevance { return l.relevance > r.relevance }
                return Self.domainRank(lhs.domain) < Self.domainRank(rhs.domain)
            }
        return groups.map { group in
            [
                "domain": group.domain.isEmpty ? heading("no_domain") : domainName(group.domain),
                "domain_id": group.domain,
                "acts": group.acts.map { act($0, now: now) },
            ]
        }
    }

    /// Municipal first, then higher relevance, then title, then id.
    static func moreRelevant(_ lhs: DigestAct, _ rhs: DigestAct) -> Bool {
        if lhs.municipal != rhs.municipal { return lhs.municipal }
        if lhs.relevance != rhs.relevance { return lhs.relevance > rhs.relevance }
        if lhs.title != rhs.title { return lhs.title < rhs.title }
        return lhs.id < rhs.id
    }

    private static func domainRank(_ id: String) -> (Int, String) {
        (PhaseCatalog.domains.firstIndex(of: id) ?? PhaseCatalog.domains.count, id)
    }

    /// A link; only http and https addresses are clickable (a feed could carry `javascript:`).
    static func link(_ url: String) -> [String: Any] {
        let lower = url.lowercased()
        return ["url": url, "clickable": lower.hasPrefix("https://") || lower.hasPrefix("http://")]
    }

    /// Feed text on one line: runs of white space (newlines included) become one space.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Two decimals with a point, independent of locale.
    static func decimal(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
