/// The term list of an `EvidenceModel` as plain columns in raw memory, for the classify hot path:
/// reading a term's languages, target or weight touches no reference-counted object. Never written
/// after `init`, hence `@unchecked Sendable`.
final class TermTable: @unchecked Sendable {
    /// What a term is evidence for: 0 municipal, 1 domain, 2 signal, 3 shared levels …
    let kinds: UnsafeMutablePointer<UInt8>
    /// … and the domain's or signal's index (0 for the others).
    let targets: UnsafeMutablePointer<Int32>
    let weights: UnsafeMutablePointer<Double>
    /// Bit set of the language groups whose lists hold the term.
    let languages: UnsafeMutablePointer<UInt32>
    let count: Int

    static let municipal: UInt8 = 0, domain: UInt8 = 1, signal: UInt8 = 2, sharedLevels: UInt8 = 3

    init(_ terms: [EvidenceModel.Term]) {
        kinds = .copying(terms.map { term -> UInt8 in
            switch term.target {
            case .municipal: Self.municipal
            case .domain: Self.domain
            case .signal: Self.signal
            case .sharedLevels: Self.sharedLevels
            }
        })
        targets = .copying(terms.map { term -> Int32 in
            switch term.target {
            case .domain(let index), .signal(let index): Int32(index)
            case .municipal, .sharedLevels: 0
            }
        })
        weights = .copying(terms.map(\.weight))
        languages = .copying(terms.map(\.languages))
        count = terms.count
    }

    deinit {
        kinds.deallocate()
        targets.deallocate()
        weights.deallocate()
        languages.deallocate()
    }

    /// True when two terms are evidence for the same thing.
    @inline(__always)
    func sameTarget(_ a: Int, _ b: Int) -> Bool {
        kinds[a] == kinds[b] && targets[a] == targets[b]
    }
}
