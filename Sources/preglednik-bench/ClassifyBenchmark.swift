import BenchBaselines
import Classification
import Foundation
import TextFolding

/// Classification of titles with summaries, next to the bare matcher over the same folded bytes and
/// a C loop calling memmem once per term and text, in the same process, in short rounds that take
/// turns. Rates are per CPU second of the benchmark thread. A C probe of the core's ALU throughput
/// around each round splits the rounds into fast and slow ones (a hardware thread sharing the core
/// slows the probe and every loop alike), and each figure is given for both as well as over all.
enum ClassifyBenchmark {
    static func run(items: Int, passes: Int) {
        let count = max(10, items)
        let config = URL(fileURLWithPath: "config")
        let classifier: Classifier
        do {
            classifier = try Classifier.load(phasesFile: config.appendingPathComponent("phases.toml"),
                                             domainsFile: config.appendingPathComponent("domains.toml"))
        } catch {
            print("classify: cannot load config/ (run from the repository root): \(error)")
            return
        }
        var workload = ClassifyWorkload()
        var inputs = (0..<count).map { _ in workload.item() }
        let now = Date()

        // The same title and summary bytes, folded once, end to end, for the bare matcher and C.
        var texts: [UInt8] = []
        var offsets: [Int] = [0]
        for input in inputs {
            TextFolding.fold(input.title, into: &texts)
            texts.append(0x20)
            TextFolding.fold(input.summary ?? "", into: &texts)
            offsets.append(texts.count)
        }
        let matcher = classifier.matcher
        // C: every configured term's folded words (stems as written, words joined by a space),
        // searched with memmem in every text.
        var needles: [UInt8] = []
        var needleOffsets: [Int] = [0]
        for term in matcher.terms {
            needles += Array(term.map(\.text).joined(separator: [0x20]))
            needleOffsets.append(needles.count)
        }

        // Rounds of up to 10 000 items, every loop in turn on the same items, a core probe on either
        // side (a round keeps the slower). On the shared development VM another tenant's thread on
        // the same core slows every loop here about 1.6× for seconds at a time; a round takes ≈ 55 ms,
        // so most rounds fall wholly in one state, and the probe tells which.
        let roundSize = min(count, 10_000)
        // The C loop is slow: the first hundredth of each round's items.
        let cSize = max(1, roundSize / 100)
        var rounds: [Round] = []
        var municipal = 0, folded = 0, matcherPairs = 0, cPairs = 0, cCounted = 0
        var seen = [Int](repeating: -1, count: matcher.termCount)
        func probe() -> Double {
            Double(Self.probeSteps) / cpuSeconds { _ = pg_core_probe(Self.probeSteps) }
        }
        for pass in 0..<passes {
            for first in stride(from: 0, to: count, by: roundSize) {
                let items = first..<min(count, first + roundSize)
                let before = probe()
                // Full classifier: phase rules, folding, matching, scoring and the `why` lines.
                let classifySeconds = cpuSeconds {
                    inputs.withUnsafeMutableBufferPointer { inputs in
                        // Each input is moved out, classified and moved back: passing an element in
                        // place makes Swift copy it (retaining its strings), which the pipeline never pays.
                        let base = inputs.baseAddress!
                        for index in items {
                            let input = (base + index).move()
                            if classifier.classify(input, now: now).municipal && pass == 0 { municipal += 1 }
                            (base + index).initialize(to: input)
                        }
                    }
                }
                // Folding alone: title and summary of every item into one reused buffer.
                let foldSeconds = cpuSeconds {
                    var buffer: [UInt8] = []
                    buffer.reserveCapacity(4096)
                    // By index: iterating the items would copy each one (retaining its seven strings).
                    for index in items {
                        buffer.removeAll(keepingCapacity: true)
                        TextFolding.fold(inputs[index].title, into: &buffer)
                        TextFolding.fold(inputs[index].summary ?? "", into: &buffer)
                        if pass == 0 { folded &+= buffer.count }
                    }
                }
                // Bare matcher: one pass over every text, counting (text, term) pairs like the C loop.
                let matcherSeconds = cpuSeconds {
                    texts.withUnsafeBufferPointer { all in
                        for index in items {
                            let text = UnsafeBufferPointer(rebasing: all[offsets[index]..<offsets[index + 1]])
                            matcher.scan(text) { term, _ in
                                if seen[term] != index {
                                    seen[term] = index
                                    if pass == 0 { matcherPairs += 1 }
                                }
                            }
                        }
                    }
                }
                for index in seen.indices { seen[index] = -1 }
                let cItems = min(cSize, items.count)
                let cSeconds = cpuSeconds {
                    let found = offsets.withUnsafeBufferPointer { offsets in
                        pg_memmem_count(texts, offsets.baseAddress! + first, cItems, needles, needleOffsets, needleOffsets.count - 1)
                    }
                    if pass == 0 {
                        cPairs &+= found
                        cCounted &+= cItems
                    }
                }
                rounds.append(Round(probe: min(before, probe()), items: items.count, classify: classifySeconds,
                                    fold: foldSeconds, matcher: matcherSeconds, cItems: cItems, memmem: cSeconds))
            }
        }

        // Rounds whose probe ran at ≥ 90 % of the run's best probe, and the others: on the
        // development VM the probe reached ≈ 400–430 M steps/s in some stretches and ≈ 250 M in others
        // (no steal time, an L1 latency chain unchanged: another hardware thread on the core), and a
        // run can fall wholly in either, so "fast" is only relative to the run.
        let bestProbe = rounds.map(\.probe).max() ?? 0
        let fast = Totals(rounds.filter { $0.probe >= 0.9 * bestProbe }), slow = Totals(rounds.filter { $0.probe < 0.9 * bestProbe })
        let all = Totals(rounds)
        print(String(format: "classify: %d items × %d passes in %d rounds (%.1f MB folded, %d terms, %d automaton states), %d municipal; rates per CPU second of one thread",
                     count, passes, rounds.count, Double(texts.count) / 1e6, matcher.termCount, matcher.stateCount, municipal))
        print("classify: core probe (C, independent ALU chains, M steps/s): " + fast.describe("fast rounds (≥ 90 % of the best probe)")
              + ", " + slow.describe("slow rounds"))
        print(String(format: "classify: Classifier.classify %.0f items/s over all rounds (goal > 500000); ", all.classify)
              + [fast, slow].map { $0.rate(\.classify) }.joined(separator: " / ") + " in fast / slow rounds")
        print(String(format: "classify: TextFolding.fold    %.0f items/s over all rounds (title and summary, %.1f MB); ", all.fold, Double(folded) / 1e6)
              + [fast, slow].map { $0.rate(\.fold) }.joined(separator: " / "))
        print(String(format: "classify: bare TermMatcher    %.0f items/s over all rounds (%d text-term pairs); ", all.matcher, matcherPairs)
              + [fast, slow].map { $0.rate(\.matcher) }.joined(separator: " / ")
              + String(format: "  classifier/matcher %.2f× (", all.classify / all.matcher)
              + [fast, slow].map { $0.ratio(\.classify, \.matcher) }.joined(separator: " / ") + ")")
        print(String(format: "classify: C memmem per term   %.0f items/s over all rounds (%d text-term pairs in %d items); ",
                     all.memmem, cPairs, cCounted)
              + [fast, slow].map { $0.rate(\.memmem) }.joined(separator: " / ")
              + String(format: "  classifier/memmem %.1f× (", all.classify / all.memmem)
              + [fast, slow].map { $0.ratio(\.classify, \.memmem) }.joined(separator: " / ") + ")")
    }

    /// The probe runs for ~2.5 ms with the core to itself.
    static let probeSteps = 1_000_000

    /// One round: the core probe's rate (the lower of the two around it) and each loop's CPU time.
    struct Round {
        var probe: Double
        var items: Int
        var classify: Double, fold: Double, matcher: Double
        var cItems: Int
        var memmem: Double
    }

    /// Pooled rates over some rounds: their items over their CPU seconds, per loop, and the range of
    /// their probes.
    struct Totals {
        var count: Int
        var classify = 0.0, fold = 0.0, matcher = 0.0, memmem = 0.0
        var probes: ClosedRange<Double> = 0...0

        init(_ rounds: [Round]) {
            count = rounds.count
            guard !rounds.isEmpty else { return }
            let items = Double(rounds.map(\.items).reduce(0, +)), cItems = Double(rounds.map(\.cItems).reduce(0, +))
            classify = items / rounds.map(\.classify).reduce(0, +)
            fold = items / rounds.map(\.fold).reduce(0, +)
            matcher = items / rounds.map(\.matcher).reduce(0, +)
            memmem = cItems / rounds.map(\.memmem).reduce(0, +)
            probes = rounds.map(\.probe).min()!...rounds.map(\.probe).max()!
        }

        /// "N <name>, probe A–B".
        func describe(_ name: String) -> String {
            count == 0 ? "0 \(name)" : String(format: "%d %@ %.0f–%.0f", count, name, probes.lowerBound / 1e6, probes.upperBound / 1e6)
        }

        /// A rate of these rounds, or "–" when there were none.
        func rate(_ figure: KeyPath<Totals, Double>) -> String {
            count == 0 ? "–" : String(format: "%.0f", self[keyPath: figure])
        }

        /// The ratio of two rates of these rounds, or "–".
        func ratio(_ numerator: KeyPath<Totals, Double>, _ denominator: KeyPath<Totals, Double>) -> String {
            count == 0 ? "–" : String(format: "%.2f×", self[keyPath: numerator] / self[keyPath: denominator])
        }
    }

    /// The CPU time of the calling thread that `body` takes.
    static func cpuSeconds(_ body: () -> Void) -> Double {
        let start = pg_thread_cpu_seconds()
        body()
        return pg_thread_cpu_seconds() - start
    }
}
