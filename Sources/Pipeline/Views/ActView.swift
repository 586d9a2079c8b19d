import Foundation
import Storage

/// A stored act as the command line prints it (`acts --json`, `search --json`, `show --json`,
/// `export --format json`). Field names are a stable contract: snake_case, dates ISO 8601 UTC,
/// absent values left out.
public struct ActView: Sendable, Codable, Equatable {
    /// One identifier.
    public struct Identifier: Sendable, Codable, Equatable {
        public var scheme: String
        public var value: String
    }
    /// One phase change.
    public struct TimelineEntry: Sendable, Codable, Equatable {
        public var eventId: Int64
        public var phase: String
        public var phaseRaw: String?
        public var date: Date?
        public var observedAt: Date
        public var source: String
        public var url: String?
    }

    public var id: Int64
    public var title: String
    public var jurisdiction: String
    public var actType: String?
    public var phase: String
    public var phaseRaw: String?
    public var phaseSince: Date
    public var municipal: Bool
    public var relevance: Double
    public var domains: [StoredDomain]
    public var why: [String]
    public var identifiers: [Identifier]
    public var link: String?
    public var summary: String?
    public var inForce: Date?
    public var sources: [String]
    public var firstSeen: Date
    public var lastChanged: Date
    /// Only in `show` and `export --format json`.
    public var timeline: [TimelineEntry]?

    /// Builds the view of an act; `withTimeline` adds its phase history.
    public init(_ act: StoredAct, store: ActStore, withTimeline: Bool) throws {
        id = act.id
        title = act.title
        jurisdiction = act.jurisdiction
        actType = act.actType
        phase = act.phase
        phaseRaw = act.phaseRaw
        phaseSince = act.phaseSince
        municipal = act.municipal
        relevance = (act.relevance * 1000).rounded() / 1000
        domains = act.domains
        why = act.why
        identifiers = act.identifiers.map { Identifier(scheme: $0.scheme, value: $0.value) }
        link = act.link
        summary = act.summary
        inForce = act.inForce
        sources = try store.sourceIDs(actID: act.id)
        firstSeen = act.firstSeen
        lastChanged = act.lastChanged
        timeline = withTimeline ? try store.events(actID: act.id).map {
            TimelineEntry(eventId: $0.id, phase: $0.phase, phaseRaw: $0.phaseRaw, date: $0.eventDate,
                          observedAt: $0.observedAt, source: $0.sourceID, url: $0.url)
        } : nil
    }

    /// The JSON encoder of the command-line contract.
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(.iso8601))
        }
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
