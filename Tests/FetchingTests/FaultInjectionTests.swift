import Foundation
import Testing
@testable import Fetching

/// Every way a gazette server misbehaves gives one clear, per-source error; the others still complete.
@Suite("HTTPFetcher against a fault-injecting server")
struct FaultInjectionTests {
    // An 8 s total timeout: long enough that a loaded 2-core CI machine running every suite at once
    // does not turn a reset into a timeout; the drip still times out (it would last 500 s).
    static let settings = FetchSettings(maxConcurrent: 4, maxPerHost: 4, totalTimeoutSeconds: 8,
                                        maxBodyBytes: 100_000, maxRedirects: 3, allowFileURLs: false)
    static let feed = Array("<rss version=\"2.0\"><channel><title>Narodne novine</title></channel></rss>".utf8)
    /// "Zakon o šolstvu in zaščiti" in windows-1250 (š = 0x9A, č = 0xE8), with no encoding declaration.
    static let windows1250Feed: [UInt8] = Array("<?xml version=\"1.0\"?><rss><channel><title>Zakon o ".utf8) + [0x9A]
        + Array("olstvu in za".utf8) + [0x9A, 0xE8] + Array("iti</title></channel></rss>".utf8)

    static func httpDate(secondsFromNow: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: Date().addingTimeInterval(secondsFromNow))
    }

    static let routes: [String: FaultServer.Behaviour] = [
        "/error": .respond(status: 500, headers: [], body: Array("oops".utf8)),
        "/busy": .respond(status: 429, headers: [("Retry-After", "120")], body: []),
        "/unavailable": .respond(status: 503, headers: [("Retry-After", httpDate(secondsFromNow: 300))], body: []),
        "/drip": .drip(length: 10_000, interval: 0.05),
        "/reset": .resetMidBody(length: 50_000, sent: 5_000),
        "/loop": .respond(status: 302, headers: [("Location", "/loop")], body: []),
        "/huge-declared": .respond(status: 200, headers: [], body: Array(repeating: 0x43, count: 200_000)),
        "/huge-unannounced": .unannouncedBody(count: 400_000),
        "/charset": .respond(status: 200, headers: [("Content-Type", "application/rss+xml; charset=Windows-1250")],
                             body: windows1250Feed),
        "/shouting": .respond(status: 200, headers: [("ETAG", " \"v7\"\t"), ("last-MODIFIED", "Fri, 20 Nov 2026 08:00:00 GMT")],
                              body: feed),
        "/ok": .respond(status: 200, headers: [("Content-Type", "application/rss+xml")], body: feed),
    ]

    /// A failure case: the path, the code it must give, and words its message must contain.
    struct Case: Sendable, CustomTestStringConvertible {
        let path: String
        let code: FetchError.Code
        let status: Int?
        let words: [String]
        var testDescription: String { path }
    }

    static let cases = [
        Case(path: "/error", code: .httpStatus, status: 500, words: ["HTTP 500"]),
        Case(path: "/busy", code: .httpStatus, status: 429, words: ["HTTP 429", "retry after 120 s"]),
        Case(path: "/unavailable", code: .httpStatus, status: 503, words: ["HTTP 503", "retry after"]),
        Case(path: "/drip", code: .timeout, status: nil, words: ["timed out"]),
        Case(path: "/reset", code: .connection, status: nil, words: ["connection failed", "reset"]),
        Case(path: "/loop", code: .tooManyRedirects, status: nil, words: ["more than 3 redirects"]),
        Case(path: "/huge-declared", code: .tooLarge, status: nil, words: ["limit of 100000 bytes"]),
        Case(path: "/huge-unannounced", code: .tooLarge, status: nil, words: ["limit of 100000 bytes"]),
    ]

    /// Runs `body` with a fresh fault server and fetcher, and stops both afterwards.
    static func withFixture(_ body: (FaultServer, HTTPFetcher) async throws -> Void) async throws {
        let server = try FaultServer(routes: routes)
        let fetcher = HTTPFetcher(settings: settings)
        defer {
            fetcher.shutdown()
            server.stop()
        }
        try await body(server, fetcher)
    }

    static func outcome(_ fetcher: HTTPFetcher, _ url: String) async -> Result<FetchResponse, FetchError> {
        do {
            return .success(try await fetcher.fetch(FetchRequest(url: url)))
        } catch let error as FetchError {
            return .failure(error)
        } catch {
            return .failure(FetchError(code: .transfer, message: "unexpected \(error)"))
        }
    }

    static func check(_ result: Result<FetchResponse, FetchError>, _ expected: Case, url: String) {
        guard case .failure(let error) = result else {
            Issue.record("\(expected.path) succeeded; expected \(expected.code)")
            return
        }
        #expect(error.code == expected.code, "\(error.message)")
        #expect(error.status == expected.status)
        #expect(error.message.hasPrefix(url), "the message must name the address: \(error.message)")
        for word in expected.words {
            #expect(error.message.contains(word), "\(error.message)")
        }
    }

    @Test("each fault gives a clear error naming the address", arguments: cases)
    func fault(_ expected: Case) async throws {
        try await Self.withFixture { server, fetcher in
            let url = server.url(expected.path)
            let started = Date()
            Self.check(await Self.outcome(fetcher, url), expected, url: url)
            // The drip would last 500 s and the transfer times out after 8 s; the bound is loose because the
            // tests run in parallel on small CI machines, where wall time says little (speed is benchmarked).
            #expect(Date().timeIntervalSince(started) < 30, "a failure must not hang")
        }
    }

    @Test("Retry-After is honoured in seconds and as an HTTP date")
    func retryAfter() async throws {
        try await Self.withFixture { server, fetcher in
            guard case .failure(let busy) = await Self.outcome(fetcher, server.url("/busy")),
                  case .failure(let unavailable) = await Self.outcome(fetcher, server.url("/unavailable")) else {
                Issue.record("429 and 503 must fail")
                return
            }
            #expect(busy.retryAfterSeconds == 120)
            #expect((200...300).contains(unavailable.retryAfterSeconds ?? 0), "\(String(describing: unavailable.retryAfterSeconds))")
        }
    }

    @Test("a charset given only in the Content-Type header reaches the response; the bytes are untouched")
    func charsetFromHeader() async throws {
        try await Self.withFixture { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/charset")))
            #expect(response.charset == "windows-1250")
            #expect(response.body == Self.windows1250Feed)
            #expect(String(bytes: response.body, encoding: .windowsCP1250)?.contains("šolstvu in zaščiti") == true)
        }
    }

    @Test("all faults at once: every source gets its own outcome and the good ones complete")
    func concurrentSources() async throws {
        try await Self.withFixture { server, fetcher in
            // Good sources queued behind and between the faults (4 slots for 13 transfers).
            let paths = Self.cases.map(\.path) + ["/ok", "/charset", "/ok", "/ok", "/ok"]
            let results = await withTaskGroup(of: (Int, Result<FetchResponse, FetchError>).self) { group in
                for (index, path) in paths.enumerated() {
                    group.addTask { (index, await Self.outcome(fetcher, server.url(path))) }
                }
                return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            for (index, expected) in Self.cases.enumerated() {
                Self.check(results[index]!, expected, url: server.url(expected.path))
            }
            for index in Self.cases.count..<paths.count {
                let response = try results[index]!.get()
                #expect(response.status == 200)
                #expect(response.body == (paths[index] == "/ok" ? Self.feed : Self.windows1250Feed))
            }
        }
    }

    @Test("header names are matched in any case and values trimmed")
    func headerCase() async throws {
        try await Self.withFixture { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/shouting")))
            #expect(response.etag == "\"v7\"")
            #expect(response.lastModified == "Fri, 20 Nov 2026 08:00:00 GMT")
        }
    }

    @Test("fetchAll gives one outcome per request, in request order, good and bad mixed")
    func fetchAll() async throws {
        try await Self.withFixture { server, fetcher in
            let paths = ["/ok"] + Self.cases.map(\.path) + ["/charset", "/ok"]
            let results = await fetcher.fetchAll(paths.map { FetchRequest(url: server.url($0)) } + [FetchRequest(url: "ftp://example.si/x")])
            #expect(results.count == paths.count + 1)
            let first = try results[0].get(), charset = try results[paths.count - 2].get(), last = try results[paths.count - 1].get()
            #expect(first.body == Self.feed)
            for (offset, expected) in Self.cases.enumerated() {
                Self.check(results[offset + 1], expected, url: server.url(expected.path))
            }
            #expect(charset.charset == "windows-1250")
            #expect(last.body == Self.feed)
            guard case .failure(let refused) = results[paths.count] else {
                Issue.record("ftp:// must be refused")
                return
            }
            #expect(refused.code == .badURL)
            #expect(await fetcher.fetchAll([]).isEmpty)
        }
    }

    @Test("cancelling the caller's task ends its running and queued transfers at once")
    func cancellation() async throws {
        try await Self.withFixture { server, _ in
            var oneAtATime = Self.settings
            oneAtATime.maxConcurrent = 1
            oneAtATime.totalTimeoutSeconds = 120  // far beyond the bound below: only cancellation can end them in time
            let fetcher = HTTPFetcher(settings: oneAtATime)
            defer { fetcher.shutdown() }
            let started = Date()
            let single = Task { await Self.outcome(fetcher, server.url("/drip")) }
            let batch = Task { await fetcher.fetchAll([FetchRequest(url: server.url("/drip")), FetchRequest(url: server.url("/ok"))]) }
            let early = Task {
                withUnsafeCurrentTask { $0?.cancel() }  // cancelled before it even asks
                return await Self.outcome(fetcher, server.url("/ok"))
            }
            try await Task.sleep(for: .milliseconds(300))
            single.cancel()
            batch.cancel()
            let outcomes = [await single.value] + (await batch.value) + [await early.value]
            #expect(Date().timeIntervalSince(started) < 30, "cancelled transfers must not run to their 120 s timeout")
            for outcome in outcomes {
                guard case .failure(let error) = outcome else {
                    Issue.record("a cancelled fetch succeeded")
                    continue
                }
                #expect(error.code == .cancelled, "\(error.message)")
                #expect(error.message.hasPrefix(server.url("/")))
            }
            // The fetcher still works afterwards.
            #expect(try await fetcher.fetch(FetchRequest(url: server.url("/ok"))).body == Self.feed)
        }
    }
}
