/// Which periodic digest: the weekly news of the national sources or Europreglednik of the EU ones.
public enum DigestKind: String, Sendable, Codable, CaseIterable {
    /// Tedenske novice: national sources.
    case weekly
    /// Europreglednik: EU sources.
    case eu

    /// The archive's file name stem before the week, e.g. `tedenske-novice` in `tedenske-novice-2026-W49.html`.
    public var fileStem: String {
        switch self {
        case .weekly: "tedenske-novice"
        case .eu: "europreglednik"
        }
    }
}
