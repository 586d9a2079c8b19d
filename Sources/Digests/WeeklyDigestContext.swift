import Foundation

extension DigestPresenter {
    /// The template object of a weekly digest: header, the "at a glance" table, the acts grouped by phase
    /// group, phase and primary domain, and the sources with problems.
    func weekly(_ input: WeeklyDigestInput, timeZone: TimeZone) -> [String: Any] {
        let kindTitle = labels.text("titles.\(input.kind.rawValue)", language)
        var glance: [[String: Any]] = []
        var groups: [[String: Any]] = []
        for group in PhaseCatalog.groups {
            let acts = input.acts.filter { PhaseCatalog.group(of: $0.phase) == group }
            guard !acts.isEmpty else { continue }
            let name = labels.text("groups.\(group.id)", language)
            let municipal = acts.filter(\.municipal).count
            glance.append(["name": name, "acts": String(acts.count), "municipal": String(municipal)])
            let byPhase = Dictionary(grouping: acts, by: \.phase)
            let phases = byPhase.keys.sorted { (PhaseCatalog.rank(of: $0), $0) < (PhaseCatalog.rank(of: $1), $1) }
            groups.append([
                "id": group.id,
                "name": name,
                "count": String(acts.count),
                "phases": phases.map { phase -> [String: Any] in
                    ["id": phase, "name": phaseName(phase), "count": String(byPhase[phase]!.count),
                     "show_heading": group.phases.count > 1, "domains": domainGroups(byPhase[phase]!)]
                },
            ])
        }
        let municipal = input.acts.filter(\.municipal).count
        let problems: [[String: Any]] = input.problems
            .sorted { ($0.sourceName, $0.lastError, $0.consecutiveFailures) < ($1.sourceName, $1.lastError, $1.consecutiveFailures) }
            .map { problem in
                [
                    "source": problem.sourceName,
                    "error": Self.oneLine(problem.lastError),
                    "failures": String(problem.consecutiveFailures),
                    "last_success": problem.lastSuccess.map(format.dateTime) ?? heading("never"),
                    "next_attempt": problem.nextAttempt.map(format.dateTime) ?? "",
                ]
            }
        let start = input.week.mondayDate
        return [
            "lang": language,
            "kind": input.kind.rawValue,
            "title": "\(kindTitle) \(input.week)",
            "heading": kindTitle,
            "week": input.week.description,
            "period": "\(format.date(start.startOfDay(in: timeZone))) – \(format.date(start.adding(days: 6).startOfDay(in: timeZone)))",
            "generated": format.dateTime(input.generatedAt),
            "labels": labels.tree(language),
            "empty": input.acts.isEmpty,
            "acts_count": String(input.acts.count),
            "municipal_count": String(municipal),
            "summary": summary(acts: input.acts.count, municipal: municipal),
            "glance": glance,
            "groups": groups,
            "problems": problems,
            "has_problems": !problems.isEmpty,
        ]
    }

    /// `Aktov: 12, za občine: 4` — the feed's one-line summary.
    func summary(acts: Int, municipal: Int) -> String {
        labels.text("headings.summary", language, ["acts": String(acts), "municipal": String(municipal)])
    }
}
