import Foundation

/// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled, CRLF line ends.
public enum CSVWriter {
    /// One record.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return field
        }.joined(separator: ",") + "\r\n"
    }

    /// The act export's header.
    public static let actHeader = ["id", "title", "jurisdiction", "act_type", "phase", "phase_raw", "phase_since",
                                   "municipal", "relevance", "domains", "identifiers", "link", "sources",
                                   "first_seen", "last_changed", "in_force"]

    /// One act as a CSV record in ``actHeader`` order.
    public static func record(_ act: ActView) -> [String] {
        [String(act.id), act.title, act.jurisdiction, act.actType ?? "", act.phase, act.phaseRaw ?? "",
         act.phaseSince.formatted(.iso8601), act.municipal ? "1" : "0", String(act.relevance),
         act.domains.map { "\($0.id):\(($0.score * 100).rounded() / 100)" }.joined(separator: ";"),
         act.identifiers.map { "\($0.scheme):\($0.value)" }.joined(separator: ";"), act.link ?? "",
         act.sources.joined(separator: ";"), act.firstSeen.formatted(.iso8601), act.lastChanged.formatted(.iso8601),
         act.inForce?.formatted(.iso8601) ?? ""]
    }
}
