import FlyingFox
import Foundation
import Synchronization
import TestSupport
import Testing
@testable import Fetching

/// Counts requests in flight on a loopback server and remembers the highest count.
final class InFlight: Sendable {
    private let state = Mutex((now: 0, peak: 0))
    func enter() { state.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) } }
    func leave() { state.withLock { $0.now -= 1 } }
    var peak: Int { state.withLock { $0.peak } }
}

@Suite("HTTPFetcher limits and latency")
struct FetcherLimitsTests {
    static func slowServer(_ counter: InFlight, total: InFlight, delay: Duration) async throws -> LoopbackServer {
        try await LoopbackServer.start { server in
            await server.appendRoute("GET /*") { _ in
                counter.enter(); total.enter()
                defer { counter.leave(); total.leave() }
                try await Task.sleep(for: delay)
                return HTTPResponse(statusCode: .ok, body: Data("<rss/>".utf8))
            }
        }
    }

    @Test("at most maxConcurrent transfers in all and maxPerHost per host run at once")
    func concurrencyLimits() async throws {
        let total = InFlight(), first = InFlight(), second = InFlight()
        let a = try await Self.slowServer(first, total: total, delay: .milliseconds(500))
        let b = try await Self.slowServer(second, total: total, delay: .milliseconds(500))
        let fetcher = HTTPFetcher(settings: FetchSettings(maxConcurrent: 3, maxPerHost: 2, allowFileURLs: false))
        defer { fetcher.shutdown() }
        let urls = (0..<6).flatMap { [a.url("/a\($0)"), b.url("/b\($0)")] }
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for url in urls { group.addTask { try await fetcher.fetch(FetchRequest(url: url)).status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 12))
        #expect(total.peak == 3)
        #expect(first.peak <= 2 && second.peak <= 2)
        await a.stop(); await b.stop()
    }

    @Test("time spent waiting for a slot does not count against the total timeout")
    func queueingIsNotTimedOut() async throws {
        // Raw-socket server with a thread per connection: its 0.5 s stays 0.5 s however busy the test process is.
        let server = try FaultServer(routes: Dictionary(uniqueKeysWithValues: (0..<10).map {
            ("/\($0)", FaultServer.Behaviour.delayed(seconds: 0.5, body: Array("<rss/>".utf8)))
        }))
        let fetcher = HTTPFetcher(settings: FetchSettings(maxConcurrent: 1, maxPerHost: 1, totalTimeoutSeconds: 4,
                                                          allowFileURLs: false))
        defer { fetcher.shutdown() }
        let started = Date()
        let seconds = try await withThrowingTaskGroup(of: Double.self) { group in
            for index in 0..<10 { group.addTask { try await fetcher.fetch(FetchRequest(url: server.url("/\(index)"))).seconds } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Date().timeIntervalSince(started) > 4.9)  // serialised: ten transfers of 0.5 s, longer than the timeout
        #expect(seconds.allSatisfy { $0 < 4 })             // each timed from its own start
        #expect(server.peak == 1)
        server.stop()
    }

    @Test("a new transfer wakes the loop at once: a conditional GET on loopback takes milliseconds")
    func wakeupLatency() async throws {
        // Raw-socket server on its own threads, so the figure is the fetcher's, not a busy test process's.
        let server = try FaultServer(routes: [
            "/feed.xml": .respond(status: 200, headers: [("ETag", "\"v1\"")], body: Array("<rss/>".utf8)),
            "/feed.xml?again": .respond(status: 304, headers: [("ETag", "\"v1\"")], body: []),
        ])
        let fetcher = HTTPFetcher(settings: FetchSettings(allowFileURLs: false))
        defer { fetcher.shutdown() }
        _ = try await fetcher.fetch(FetchRequest(url: server.url("/feed.xml")))
        try await Task.sleep(for: .milliseconds(300))  // the loop is now asleep in curl_multi_poll
        var timings: [Double] = []
        // Timed on the test servers' own threads, so a busy global pool does not add its queueing delay.
        try await withTaskExecutorPreference(DedicatedThreadExecutor.shared) {
            for _ in 0..<5 {
                let started = Date()
                let response = try await fetcher.fetch(FetchRequest(url: server.url("/feed.xml?again"), etag: "\"v1\""))
                #expect(response.notModified)
                timings.append(Date().timeIntervalSince(started))
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        // Before the wakeup a request could wait out the 1 s poll; the median must be far below.
        let median = timings.sorted()[2]
        #expect(median < 0.3, "conditional GET took \(timings) s")
        server.stop()
    }
}
