import Foundation

// preglednik-bench: every figure is printed beside a baseline measured in the same process, as a ratio.
//   swift run -c release preglednik-bench [parse|classify|store|fetch|all] [SCALE]
// SCALE (parse and classify; default 100 000) sets the item count, e.g. a few thousand for a run
// under valgrind; `parse SCALE stream` then runs only the C baseline and the streaming parser;
// `classify SCALE PASSES` sets how often the items are classified (default 3).
let which = CommandLine.arguments.dropFirst().first ?? "all"
let scale = CommandLine.arguments.dropFirst(2).first.flatMap { Int($0) }
let known = ["parse", "classify", "store", "fetch", "all"]
guard known.contains(which) else {
    FileHandle.standardError.write(Data("usage: preglednik-bench [\(known.joined(separator: "|"))] [SCALE] [stream|PASSES]\n".utf8))
    exit(64)
}
if which == "parse" || which == "all" { ParseBenchmark.run(items: scale ?? 100_000, megabytes: 50 * (scale ?? 100_000) / 100_000,
                                                                 streamOnly: CommandLine.arguments.dropFirst(3).first == "stream") }
if which == "classify" || which == "all" {
    ClassifyBenchmark.run(items: scale ?? 100_000, passes: CommandLine.arguments.dropFirst(3).first.flatMap { Int($0) }.map { max(1, $0) } ?? 3)
}
if which == "store" || which == "all" { StoreBenchmark.run(acts: 100_000) }
if which == "fetch" || which == "all" { FetchBenchmark.run(feeds: 1000) }
