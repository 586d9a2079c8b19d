import BenchBaselines
import Classification
import Foundation
import TextFolding

/// Classification of titles with summaries, next to the bare matcher over the same folded bytes and
/// a C loop calling memmem once per term and text, in the same process. Rates are per CPU second of
/// the benchmark thread (one core), so other processes on a shared machine do not distort them.
enum ClassifyBenchmark {
    static func run(items: Int) {
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

        // Full classifier: phase rules, folding, matching, scoring and the `why` lines.
        // Each Swift figure is the best of three rounds: on a shared machine the slower rounds
        // measure the neighbours.
        var municipal = 0
        let classifySeconds = bestOfThree {
            municipal = 0
            inputs.withUnsafeMutableBufferPointer { inputs in
                // Each input is moved out, classified and moved back: passing an element in place
                // makes Swift copy it (retaining its strings), which the pipeline never pays.
                let base = inputs.baseAddress!
                for index in inputs.indices {
                    let input = (base + index).move()
                    if classifier.classify(input, now: now).municipal { municipal += 1 }
                    (base + index).initialize(to: input)
                }
            }
        }

        // Folding alone: title and summary of every item into one reused buffer.
        var folded = 0
        let foldSeconds = bestOfThree {
            folded = 0
            var buffer: [UInt8] = []
            buffer.reserveCapacity(4096)
            for input in inputs {
                buffer.removeAll(keepingCapacity: true)
                TextFolding.fold(input.title, into: &buffer)
                TextFolding.fold(input.summary ?? "", into: &buffer)
                folded &+= buffer.count
            }
        }

        // The same title and summary bytes, folded once, end to end.
        var texts: [UInt8] = []
        var offsets: [Int] = [0]
        for input in inputs {
            TextFolding.fold(input.title, into: &texts)
            texts.append(0x20)
            TextFolding.fold(input.summary ?? "", into: &texts)
            offsets.append(texts.count)
        }

        // Bare matcher: one pass over every text, counting (text, term) pairs like the C loop.
        let matcher = classifier.matcher
        var seen = [Int](repeating: -1, count: matcher.termCount)
        var matcherPairs = 0
        let matcherSeconds = bestOfThree {
            seen = [Int](repeating: -1, count: matcher.termCount)
            matcherPairs = 0
            texts.withUnsafeBufferPointer { all in
                for index in 0..<count {
                    let text = UnsafeBufferPointer(rebasing: all[offsets[index]..<offsets[index + 1]])
                    matcher.scan(text) { term, _ in
                        if seen[term] != index {
                            seen[term] = index
                            matcherPairs += 1
                        }
                    }
                }
            }
        }

        // C: every configured term's folded words (stems as written, words joined by a space),
        // searched with memmem in every text.
        var needles: [UInt8] = []
        var needleOffsets: [Int] = [0]
        for term in matcher.terms {
            needles += Array(term.map(\.text).joined(separator: [0x20]))
            needleOffsets.append(needles.count)
        }
        // The C loop is slow enough that a tenth of the items gives a stable rate.
        let cCount = max(1, count / 10)
        let cStart = pg_thread_cpu_seconds()
        let cPairs = pg_memmem_count(texts, offsets, cCount, needles, needleOffsets, needleOffsets.count - 1)
        let cSeconds = pg_thread_cpu_seconds() - cStart

        let classifyRate = Double(count) / classifySeconds
        let matcherRate = Double(count) / matcherSeconds
        let cRate = Double(cCount) / cSeconds
        print(String(format: "classify: %d items (%.1f MB folded, %d terms, %d automaton states), %d municipal", count,
                     Double(texts.count) / 1e6, matcher.termCount, matcher.stateCount, municipal))
        print(String(format: "classify: Classifier.classify %.0f items/s per CPU second (goal > 500000)", classifyRate))
        print(String(format: "classify: TextFolding.fold    %.0f items/s (title and summary)", Double(count) / foldSeconds))
        print(String(format: "classify: bare TermMatcher    %.0f items/s (%d text-term pairs)  classifier/matcher %.2f×",
                     matcherRate, matcherPairs, classifyRate / matcherRate))
        print(String(format: "classify: C memmem per term   %.0f items/s (%d text-term pairs in the first %d items)  classifier/memmem %.2f×  matcher/memmem %.2f×",
                     cRate, cPairs, cCount, classifyRate / cRate, matcherRate / cRate))
    }

    /// The shortest CPU time of three runs of `body`.
    static func bestOfThree(_ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let start = pg_thread_cpu_seconds()
            body()
            best = min(best, pg_thread_cpu_seconds() - start)
        }
        return best
    }
}
