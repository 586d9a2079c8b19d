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
                    return HTTPResponse(statusCode: .notModified, headers: [HTTPHeader("ETag"): "\"v1\""] as HTTPHeaders)
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
