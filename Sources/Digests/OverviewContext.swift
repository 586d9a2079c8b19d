import Foundation

extension DigestPresenter {
    /// The template object of the standing overview: acts in procedure by current phase in legislative
    /// order, then acts that completed (published, in force, withdrawn, rejected) in the last weeks.
    func overview(_ input: OverviewInput) -> [String: Any] {
        let heading = labels.text("titles.overview", language)
        let title = input.jurisdiction.map { "\(heading) – \(labels.text("jurisdictions.\($0)", language))" } ?? heading
        let since = CivilDate(input.generatedAt, in: format.timeZone).adding(days: -7 * input.completedWeeks)
            .startOfDay(in: format.timeZone)
        let open = input.acts.filter { !PhaseCatalog.completed.contains($0.phase) }
        let done = input.acts.filter { PhaseCatalog.completed.contains($0.phase) && $0.phaseSince >= since }
        let inProcedure = phaseSections(open, now: input.generatedAt)
        let completed = phaseSections(done, now: input.generatedAt)
        let municipal = (open + done).filter(\.municipal).count
        return [
            "lang": language,
            "title": title,
            "heading": heading,
            "generated": format.dateTime(input.generatedAt),
            "labels": labels.tree(language),
            "in_procedure": inProcedure,
            "has_in_procedure": !inProcedure.isEmpty,
            "in_procedure_count": String(open.count),
            "completed": completed,
            "has_completed": !completed.isEmpty,
            "completed_count": String(done.count),
            "completed_intro": labels.text("headings.completed_intro", language, ["weeks": String(input.completedWeeks)]),
            "summary": summary(acts: open.count + done.count, municipal: municipal),
            "empty": open.isEmpty && done.isEmpty,
        ]
    }

    /// One section per phase present, in legislative order; acts most municipally relevant first.
    private func phaseSections(_ acts: [DigestAct], now: Date) -> [[String: Any]] {
        let byPhase = Dictionary(grouping: acts, by: \.phase)
        return byPhase.keys.sorted { (PhaseCatalog.rank(of: $0), $0) < (PhaseCatalog.rank(of: $1), $1) }.map { phase in
            let acts = byPhase[phase]!.sorted(by: Self.moreRelevant)
            return ["id": phase, "name": phaseName(phase), "count": String(acts.count),
                    "acts": acts.map { act($0, now: now) }]
        }
    }
}
