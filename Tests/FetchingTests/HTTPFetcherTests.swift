import FlyingFox
import TestSupport
import Foundation
import Synchronization
import Testing
@testable import Fetching

@Suite("HTTPFetcher against a real loopback server")
struct HTTPFetcherTests {
    static let feed = Data("<rss version=\"2.0\"><channel><title>Uradni list</title></channel></rss>".utf8)

    @Test("a second fetch sends the validators and gets 304 with no body")
    func conditionalGet() async throws {
        let seen = Mutex<[String]>([])
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /feed.xml") { request in
                let validators = [request.headers[HTTPHeader("If-None-Match")], request.headers[HTTPHeader("If-Modified-Since")]]
                    .compactMap { $0 }.joined(separator: "|")
                seen.withLock { $0.append(validators) }
                if request.headers[HTTPHeader("If-None-Match")] == "\"v1\"" {
                    return HTTPResponse(statusCode: .notModified, headers: [HTTPHeader("ETag"): "\"v1\""])
                }
                return HTTPResponse(statusCode: .ok,
                                    headers: [HTTPHeader("ETag"): "\"v1\"",
                                              HTTPHeader("Last-Modified"): "Fri, 20 Nov 2026 08:00:00 GMT",
                                              HTTPHeader("Content-Type"): "application/rss+xml; charset=windows-1250"],
                                    body: Self.feed)
            }
        }
        let fetcher = HTTPFetcher(settings: FetchSettings(allowFileURLs: false))
        defer { fetcher.shutdown() }

        let first = try await fetcher.fetch(FetchRequest(url: server.url("/feed.xml")))
        #expect(first.status == 200)
        #expect(first.body == Array(Self.feed))
        #expect(first.etag == "\"v1\"")
        #expect(first.lastModified == "Fri, 20 Nov 2026 08:00:00 GMT")
        #expect(first.charset == "windows-1250")

        let second = try await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"), etag: first.etag, lastModified: first.lastModified))
        #expect(second.notModified)
        #expect(second.body.isEmpty)
        #expect(seen.withLock { $0 } == ["", "\"v1\"|Fri, 20 Nov 2026 08:00:00 GMT"])
        await server.stop()
    }

    @Test("server errors, Retry-After, redirect loops and oversize bodies give clear errors")
    func failures() async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /broken") { _ in HTTPResponse(statusCode: .internalServerError) }
            await server.appendRoute("GET /busy") { _ in
                HTTPResponse(statusCode: .tooManyRequests, headers: [HTTPHeader("Retry-After"): "120"])
            }
            await server.appendRoute("GET /loop") { _ in
                HTTPResponse(statusCode: .found, headers: [HTTPHeader("Location"): "/loop"])
            }
            await server.appendRoute("GET /huge") { _ in
                HTTPResponse(statusCode: .ok, body: Data(repeating: 0x41, count: 300_000))
            }
            await server.appendRoute("GET /slow") { _ in
                try await Task.sleep(for: .seconds(3))
                return HTTPResponse(statusCode: .ok, body: Self.feed)
            }
            await server.appendRoute("GET /ok") { _ in HTTPResponse(statusCode: .ok, body: Self.feed) }
        }
        let fetcher = HTTPFetcher(settings: FetchSettings(totalTimeoutSeconds: 1, maxBodyBytes: 100_000,
                                                          maxRedirects: 3, allowFileURLs: false))
        defer { fetcher.shutdown() }

        func failure(_ path: String) async -> FetchError? {
            do {
                _ = try await fetcher.fetch(FetchRequest(url: server.url(path)))
                return nil
            } catch let error as FetchError {
                return error
            } catch {
                return nil
            }
        }
        // All at once: one failing transfer never holds up the others.
        async let broken = failure("/broken")
        async let busy = failure("/busy")
        async let loop = failure("/loop")
        async let huge = failure("/huge")
        async let slow = failure("/slow")
        async let fine = fetcher.fetch(FetchRequest(url: server.url("/ok")))

        let brokenError = try #require(await broken)
        #expect(brokenError.code == .httpStatus && brokenError.status == 500)
        #expect(brokenError.description.contains("HTTP 500"))
        let busyError = try #require(await busy)
        #expect(busyError.status == 429 && busyError.retryAfterSeconds == 120)
        #expect(try #require(await loop).code == .tooManyRedirects)
        #expect(try #require(await huge).code == .tooLarge)
        #expect(try #require(await slow).code == .timeout)
        #expect(try await fine.body == Array(Self.feed))
        await server.stop()
    }

    @Test("file:// works for offline samples only when allowed, and a missing file is a clear error")
    func fileURLs() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("sample.xml")
        try Self.feed.write(to: file)

        let offline = HTTPFetcher(settings: FetchSettings(allowFileURLs: true))
        defer { offline.shutdown() }
        let response = try await offline.fetch(FetchRequest(url: file.absoluteString))
        #expect(response.body == Array(Self.feed))

        await #expect(throws: FetchError.self) {
            _ = try await offline.fetch(FetchRequest(url: directory.appendingPathComponent("missing.xml").absoluteString))
        }
        let online = HTTPFetcher(settings: FetchSettings(allowFileURLs: false))
        defer { online.shutdown() }
        do {
            _ = try await online.fetch(FetchRequest(url: file.absoluteString))
            Issue.record("file:// must be refused when not allowed")
        } catch let error as FetchError {
            #expect(error.code == .badURL)
        }
    }
}
