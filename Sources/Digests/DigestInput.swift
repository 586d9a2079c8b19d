import Foundation

/// One observed step of an act's procedure, as the digests show it in the act's timeline.
public struct DigestEvent: Sendable, Hashable {
    /// Normalized phase id (`second-reading`, …).
    public var phase: String
    /// The source's own wording of the phase, when it had one.
    public var phaseRaw: String?
    /// When the step happened (or was observed).
    public var date: Date
    /// The source's display name.
    public var sourceName: String
    /// Link to the source's page for this step.
    public var url: String?

    /// Creates an event.
    public init(phase: String, phaseRaw: String? = nil, date: Date, sourceName: String, url: String? = nil) {
        self.phase = phase
        self.phaseRaw = phaseRaw
        self.date = date
        self.sourceName = sourceName
        self.url = url
    }
}

/// A policy domain the classifier assigned to an act, with its score.
public struct DigestDomain: Sendable, Hashable {
    /// Domain id (`local-finance`, …), localized through the labels.
    public var id: String
    /// Classifier score; the highest-scoring domain is the act's primary domain.
    public var score: Double

    /// Creates a domain assignment.
    public init(id: String, score: Double) {
        self.id = id
        self.score = score
    }
}

/// An act as the digests show it.
public struct DigestAct: Sendable, Hashable {
    /// Stable id (used only to order ties deterministically).
    public var id: String
    /// The act's title, shown escaped.
    public var title: String
    /// Jurisdiction id (`si`, `rs`, `srpska`, `ba`, `eu`).
    public var jurisdiction: String
    /// Current phase id.
    public var phase: String
    /// Since when the act is in its current phase.
    public var phaseSince: Date
    /// Last change of anything about the act.
    public var lastChange: Date
    /// Identifiers (EPA numbers, CELEX, citations), already formatted.
    public var identifiers: [String]
    /// Source links; only http(s) links become clickable.
    public var links: [String]
    /// Display names of the sources that reported the act.
    public var sourceNames: [String]
    /// Domains with scores.
    public var domains: [DigestDomain]
    /// Municipal relevance, 0...1.
    public var relevance: Double
    /// Whether the act concerns municipalities.
    public var municipal: Bool
    /// Why the classifier decided so, one reason per entry.
    public var why: [String]
    /// The procedure so far.
    public var timeline: [DigestEvent]

    /// Creates an act.
    public init(id: String, title: String, jurisdiction: String, phase: String, phaseSince: Date, lastChange: Date,
                identifiers: [String], links: [String], sourceNames: [String], domains: [DigestDomain],
                relevance: Double, municipal: Bool, why: [String], timeline: [DigestEvent]) {
        self.id = id
        self.title = title
        self.jurisdiction = jurisdiction
        self.phase = phase
        self.phaseSince = phaseSince
        self.lastChange = lastChange
        self.identifiers = identifiers
        self.links = links
        self.sourceNames = sourceNames
        self.domains = domains
        self.relevance = relevance
        self.municipal = municipal
        self.why = why
        self.timeline = timeline
    }

    /// The highest-scoring domain (ties: smaller id), nil when the act has none.
    public var primaryDomain: String? {
        domains.min { ($1.score, $0.id) < ($0.score, $1.id) }?.id
    }
}

/// A source that failed recently, listed in the digest's "sources with problems" section.
public struct SourceProblem: Sendable, Hashable {
    /// The source's display name.
    public var sourceName: String
    /// The last error message.
    public var lastError: String
    /// Failures in a row.
    public var consecutiveFailures: Int
    /// The last successful fetch, if any.
    public var lastSuccess: Date?
    /// When the next attempt is due, if scheduled.
    public var nextAttempt: Date?

    /// Creates a problem entry.
    public init(sourceName: String, lastError: String, consecutiveFailures: Int, lastSuccess: Date?, nextAttempt: Date?) {
        self.sourceName = sourceName
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
        self.lastSuccess = lastSuccess
        self.nextAttempt = nextAttempt
    }
}

/// Everything one weekly digest (Tedenske novice or Europreglednik) shows.
public struct WeeklyDigestInput: Sendable {
    /// Which digest.
    public var kind: DigestKind
    /// The week covered.
    public var week: ISOWeek
    /// The digest's date (the latest event in it), shown and used in the feed; never "now".
    public var generatedAt: Date
    /// Acts with an event in the week.
    public var acts: [DigestAct]
    /// Sources with problems.
    public var problems: [SourceProblem]

    /// Creates the input.
    public init(kind: DigestKind, week: ISOWeek, generatedAt: Date, acts: [DigestAct], problems: [SourceProblem]) {
        self.kind = kind
        self.week = week
        self.generatedAt = generatedAt
        self.acts = acts
        self.problems = problems
    }
}

/// Everything the standing overview (the Preglednik) shows.
public struct OverviewInput: Sendable {
    /// Jurisdiction filter, nil for all.
    public var jurisdiction: String?
    /// The reference instant for "days in phase" and "completed in the last weeks".
    public var generatedAt: Date
    /// All acts; the renderer picks those in procedure and those completed recently.
    public var acts: [DigestAct]
    /// How many weeks back completed acts are listed.
    public var completedWeeks: Int

    /// Creates the input.
    public init(jurisdiction: String?, generatedAt: Date, acts: [DigestAct], completedWeeks: Int) {
        self.jurisdiction = jurisdiction
        self.generatedAt = generatedAt
        self.acts = acts
        self.completedWeeks = completedWeeks
    }
}

/// A rendered digest in both formats.
public struct RenderedDigest: Sendable {
    /// Title, e.g. `Tedenske novice 2026-W49`.
    public var title: String
    /// The self-contained HTML document.
    public var html: String
    /// The plain-text version, wrapped at 80 columns.
    public var text: String
    /// True when there was nothing to report.
    public var isEmpty: Bool
    /// The digest's name without the period, e.g. `Tedenske novice` (the archive index's group heading).
    public var heading: String
    /// One line for the Atom feed, e.g. `12 acts, 4 relevant for municipalities`.
    public var summary: String

    /// Creates a rendered digest.
    public init(title: String, html: String, text: String, isEmpty: Bool, heading: String = "", summary: String = "") {
        self.title = title
        self.html = html
        self.text = text
        self.isEmpty = isEmpty
        self.heading = heading
        self.summary = summary
    }
}
