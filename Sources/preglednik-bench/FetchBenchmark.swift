import BenchBaselines
import CCurl
import Fetching
import Foundation
import Synchronization
import TestSupport

/// 1 000 small feeds served by a real nginx on loopback (gzip and ETags on), fetched by
/// ``HTTPFetcher`` at concurrency 16 and 64, first plain (200) and then with the validators of the
/// first round (304), next to a C loop on one libcurl multi handle doing the same in this process.
/// Wall-clock rates are the goal; CPU time per request is printed too, since on a shared machine
/// the wall clock mostly measures who else is running.
enum FetchBenchmark {
    static let userAgent = "Preglednik-bench/1.0 (+https://example.org/preglednik)"
    /// Each figure is the best of this many rounds (the machine is shared).
    static let rounds = 5

    static func run(feeds count: Int) {
        guard FileManager.default.isExecutableFile(atPath: NginxServer.binary) else {
            print("fetch: NOTICE: nginx is not installed (\(NginxServer.binary)); skipped. Install it with `apt-get install nginx-light`.")
            return
        }
        curl_global_init(Int(CURL_GLOBAL_ALL))
        var files: [String: [UInt8]] = [:]
        for number in 0..<count { files["feeds/\(number).rss"] = sampleFeed(number) }
        let nginx: NginxServer
        do {
            nginx = try NginxServer(files: files)
        } catch {
            print("fetch: could not start nginx: \(error)")
            return
        }
        defer { nginx.stop() }
        let urls = (0..<count).map { nginx.url("feeds/\($0).rss") }
        let average = files.values.reduce(0) { $0 + $1.count } / max(count, 1)
        print("fetch: \(count) feeds of ~\(average) bytes from nginx on 127.0.0.1 (gzip, ETag), best of \(rounds) rounds")

        // The validators for the 304 rounds come from one plain round.
        guard let first = swiftRound(urls.map { FetchRequest(url: $0) }, concurrency: 16),
              first.ok == count else {
            print("fetch: the first round did not return \(count) × 200")
            return
        }
        let conditional = zip(urls, first.responses).map {
            FetchRequest(url: $0, etag: $1.etag, lastModified: $1.lastModified)
        }
        for concurrency in [16, 64] {
            for (label, requests, expected) in [("200", urls.map { FetchRequest(url: $0) }, 200), ("304", conditional, 304)] {
                // Best wall time and least process CPU time of the rounds: tasks, fetchAll, C.
                var wall = [Double](repeating: .infinity, count: 3), cpu = [Double](repeating: .infinity, count: 3)
                for _ in 0..<rounds {
                    for variant in 0..<3 {
                        let cpuBefore = processCPUSeconds()
                        let start = Date()
                        let counts = variant == 2
                            ? cRound(requests, concurrency: concurrency).map { ($0.ok, $0.notModified) }
                            : swiftRound(requests, concurrency: concurrency, batch: variant == 1).map { ($0.ok, $0.notModified) }
                        let seconds = Date().timeIntervalSince(start)
                        guard let counts, (expected == 200 ? counts.0 : counts.1) == count else {
                            print("fetch: \(variant == 2 ? "the C baseline" : "HTTPFetcher") did not get \(count) × \(expected)")
                            return
                        }
                        wall[variant] = min(wall[variant], seconds)
                        cpu[variant] = min(cpu[variant], processCPUSeconds() - cpuBefore)
                    }
                }
                let rate = wall.map { Double(count) / $0 }
                let perRequest = cpu.map { $0 / Double(count) * 1e6 }
                print(String(format: "fetch: concurrency %2d, %@:  fetch() per task %6.0f req/s (%.2f×)  fetchAll %6.0f req/s (%.2f×)  "
                             + "C libcurl multi %6.0f req/s  (goal ≥ 0.8×)  |  CPU per request: %.0f / %.0f / %.0f µs (%.2f× / %.2f×)",
                             concurrency, label, rate[0], rate[0] / rate[2], rate[1], rate[1] / rate[2], rate[2],
                             perRequest[0], perRequest[1], perRequest[2], perRequest[2] / perRequest[0], perRequest[2] / perRequest[1]))
            }
        }
    }

    /// User and system CPU time of this process so far (all threads; nginx is another process).
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// One round through ``HTTPFetcher``: one ``HTTPFetcher/fetch(_:)`` task per request in a task
    /// group (as the pipeline does), or one ``HTTPFetcher/fetchAll(_:)``. Nil when a fetch fails.
    static func swiftRound(_ requests: [FetchRequest], concurrency: Int, batch: Bool = false)
        -> (seconds: Double, ok: Int, notModified: Int, responses: [FetchResponse])? {
        let fetcher = HTTPFetcher(settings: FetchSettings(userAgent: userAgent, maxConcurrent: concurrency,
                                                          maxPerHost: concurrency, allowFileURLs: false))
        defer { fetcher.shutdown() }
        let result = blocking {
            let start = Date()
            let results: [Result<FetchResponse, FetchError>]
            if batch {
                results = await fetcher.fetchAll(requests)
            } else {
                results = await withTaskGroup(of: (Int, Result<FetchResponse, FetchError>).self) { group in
                    for (index, request) in requests.enumerated() {
                        group.addTask {
                            do { return (index, .success(try await fetcher.fetch(request))) } catch let error as FetchError {
                                return (index, .failure(error))
                            } catch { return (index, .failure(FetchError(code: .transfer, message: "\(error)"))) }
                        }
                    }
                    var results = [Result<FetchResponse, FetchError>](repeating: .failure(FetchError(code: .transfer, message: "")),
                                                                      count: requests.count)
                    for await (index, result) in group { results[index] = result }
                    return results
                }
            }
            return (Date().timeIntervalSince(start), results.compactMap { try? $0.get() })
        }
        guard result.1.count == requests.count else { return nil }
        return (result.0, result.1.count { $0.status == 200 }, result.1.count { $0.status == 304 }, result.1)
    }

    /// The same round through the C baseline.
    static func cRound(_ requests: [FetchRequest], concurrency: Int) -> (seconds: Double, ok: Int, notModified: Int)? {
        let urls = requests.map { strdup($0.url) }
        let etags = requests.map { $0.etag.map { strdup($0) } ?? nil }
        let dates = requests.map { $0.lastModified.map { strdup($0) } ?? nil }
        defer { (urls + etags + dates).forEach { free($0) } }
        var ok: Int32 = 0, notModified: Int32 = 0
        let seconds = urls.map { UnsafePointer($0) }.withUnsafeBufferPointer { urlPointers in
            etags.map { $0.map { UnsafePointer($0) } }.withUnsafeBufferPointer { etagPointers in
                dates.map { $0.map { UnsafePointer($0) } }.withUnsafeBufferPointer { datePointers in
                    pg_curl_multi_baseline(urlPointers.baseAddress, etagPointers.baseAddress, datePointers.baseAddress,
                                           Int32(requests.count), Int32(concurrency), userAgent, &ok, &notModified)
                }
            }
        }
        return seconds < 0 ? nil : (seconds, Int(ok), Int(notModified))
    }

    /// Runs async work from the benchmark's synchronous main thread and waits for it.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let box = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let value = await work()
            box.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return box.withLock { $0! }
    }

    /// A small RSS feed (three items), different for every number.
    static func sampleFeed(_ number: Int) -> [UInt8] {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Vir \(number)</title>"
        for item in 0..<3 {
            xml += "<item><title>Odlok o spremembah proračuna občine \(number) za leto 2026 (\(item))</title>"
            xml += "<link>https://example.si/vir/\(number)/\(item)</link><guid>\(number)-\(item)</guid>"
            xml += "<pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate></item>"
        }
        return Array((xml + "</channel></rss>\n").utf8)
    }
}
