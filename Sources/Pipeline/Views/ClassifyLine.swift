import Classification
import Foundation

/// The `classify --json` contract: one JSON object per input line, one per output line.
public enum ClassifyLine {
    /// One input line.
    public struct Input: Sendable, Decodable {
        public var title: String
        public var summary: String?
        public var source: String?
        public var jurisdiction: String?
        public var language: String?
        public var phaseRaw: String?
        public var sourceType: String?
        public var defaultPhase: String?
        public var inForce: String?
    }

    /// One output line.
    public struct Output: Sendable, Encodable {
        public var phase: String
        public var phaseRaw: String?
        public var municipal: Bool
        public var relevance: Double
        public var domains: [DomainScore]
        public var why: [String]

        /// The output for a classification.
        public init(_ classification: Classification, phaseRaw: String?) {
            phase = classification.phase.rawValue
            self.phaseRaw = phaseRaw
            municipal = classification.municipal
            relevance = (classification.relevance * 1000).rounded() / 1000
            domains = classification.domains.map { domain in
                var rounded = domain
                rounded.score = (domain.score * 1000).rounded() / 1000
                return rounded
            }
            why = classification.why
        }
    }

    /// Classifies one input line. Sources known from `feeds/` lend their type, language, jurisdiction
    /// and default phase to fields the line leaves out.
    /// - Returns: the output JSON line, or an `{"error": …}` line for bad input (the line count stays aligned).
    public static func process(_ line: String, classifier: Classifier, sources: [String: SourceDefinition], now: Date) -> String {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            let input = try decoder.decode(Input.self, from: Data(line.utf8))
            let source = input.source.flatMap { sources[$0] }
            let defaultPhase = (input.defaultPhase ?? source?.defaultPhase).flatMap(Phase.init(rawValue:))
            let inForce = input.inForce.flatMap { try? Date($0, strategy: .iso8601) }
                ?? input.inForce.flatMap { try? Date($0 + "T00:00:00Z", strategy: .iso8601) }
            let classification = classifier.classify(ClassificationInput(
                title: input.title, summary: input.summary, source: input.source,
                jurisdiction: input.jurisdiction ?? source?.jurisdiction, language: input.language ?? source?.language,
                phaseRaw: input.phaseRaw, sourceType: input.sourceType ?? source?.sourceType,
                defaultPhase: defaultPhase, inForce: inForce), now: now)
            return String(decoding: try encoder.encode(Output(classification, phaseRaw: input.phaseRaw)), as: UTF8.self)
        } catch {
            let message = (error as? DecodingError).map(describe) ?? "\(error)"
            let data = (try? JSONSerialization.data(withJSONObject: ["error": message], options: [.sortedKeys])) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self)
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "missing key \"\(key.stringValue)\" (title is required)"
        case .typeMismatch(_, let context): "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case .dataCorrupted(let context): "not JSON: \(context.debugDescription)"
        default: "\(error)"
        }
    }
}
