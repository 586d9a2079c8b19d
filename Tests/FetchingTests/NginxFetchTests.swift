import Foundation
import TestSupport
import Testing
@testable import Fetching

/// Fetching from a real nginx on loopback, configured as gazettes are: gzip, ETag, Last-Modified.
@Suite("HTTPFetcher against nginx")
struct NginxFetchTests {
    /// A sample RSS feed with `items` entries of Slovenian legislative titles (UTF-8).
    static func sampleFeed(number: Int, items: Int) -> [UInt8] {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
        xml += "<title>Uradni list \(number)</title><link>https://example.si/\(number)</link>"
        for item in 0..<items {
            xml += "<item><title>Zakon o spremembah in dopolnitvah Zakona o varstvu okolja (ZVO-\(number)-\(item))</title>"
            xml += "<link>https://example.si/\(number)/akt/\(item)</link><guid>akt-\(number)-\(item)</guid>"
            xml += "<description>Državni zbor je na seji sprejel predlog zakona št. \(item) o šolstvu in zaščiti.</description>"
            xml += "<pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate></item>"
        }
        return Array((xml + "</channel></rss>\n").utf8)
    }

    @Test("a gzip response decodes to the served file, with fewer bytes on the wire")
    func gzip() async throws {
        let feed = Self.sampleFeed(number: 1, items: 40)
        let nginx = try NginxServer(files: ["feed.rss": feed])
        defer { nginx.stop() }
        let fetcher = HTTPFetcher(settings: FetchSettings(allowFileURLs: false))
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(FetchRequest(url: nginx.url("feed.rss")))
        #expect(response.status == 200)
        #expect(response.body == feed)
        #expect(response.contentType == "application/rss+xml")
        #expect(response.httpVersion == "1.1")
        #expect(response.bytesOnWire > 0 && response.bytesOnWire < feed.count / 3,
                "\(response.bytesOnWire) bytes on the wire for a \(feed.count)-byte feed: not compressed")
    }

    @Test("the second fetch sends the validators and gets 304 with no body, quickly")
    func conditionalGet() async throws {
        let feed = Self.sampleFeed(number: 2, items: 5)
        let nginx = try NginxServer(files: ["feed.rss": feed])
        defer { nginx.stop() }
        let fetcher = HTTPFetcher(settings: FetchSettings(allowFileURLs: false))
        defer { fetcher.shutdown() }

        let first = try await fetcher.fetch(FetchRequest(url: nginx.url("feed.rss")))
        #expect(first.status == 200 && first.body == feed)
        let etag = try #require(first.etag)
        let lastModified = try #require(first.lastModified)

        let byETag = try await fetcher.fetch(FetchRequest(url: nginx.url("feed.rss"), etag: etag))
        #expect(byETag.notModified && byETag.body.isEmpty)
        let byDate = try await fetcher.fetch(FetchRequest(url: nginx.url("feed.rss"), lastModified: lastModified))
        #expect(byDate.notModified && byDate.body.isEmpty)
        let both = try await fetcher.fetch(FetchRequest(url: nginx.url("feed.rss"), etag: etag, lastModified: lastModified))
        #expect(both.notModified)
        #expect(both.seconds < 0.5, "a 304 on loopback took \(both.seconds) s")

        // A changed file: the old validators no longer match, so the new body comes back.
        let changed = Self.sampleFeed(number: 2, items: 6)
        try Data(changed).write(to: nginx.root.appendingPathComponent("feed.rss"))
        let future = Date().addingTimeInterval(5)
        try FileManager.default.setAttributes([.modificationDate: future], ofItemAtPath: nginx.root.appendingPathComponent("feed.rss").path)
        let fresh = try await fetcher.fetch(FetchRequest(url: nginx.url("feed.rss"), etag: etag, lastModified: lastModified))
        #expect(fresh.status == 200 && fresh.body == changed)
        #expect(fresh.etag != etag)
    }

    @Test("many feeds at once: all 200, then all 304 with their validators")
    func manyFeeds() async throws {
        let feeds = (0..<60).map { Self.sampleFeed(number: $0, items: 3) }
        var files: [String: [UInt8]] = [:]
        for (number, feed) in feeds.enumerated() { files["f/\(number).rss"] = feed }
        let nginx = try NginxServer(files: files)
        defer { nginx.stop() }
        let fetcher = HTTPFetcher(settings: FetchSettings(maxConcurrent: 8, maxPerHost: 4, allowFileURLs: false))
        defer { fetcher.shutdown() }

        func fetchAll(_ requests: [FetchRequest]) async throws -> [FetchResponse] {
            try await withThrowingTaskGroup(of: (Int, FetchResponse).self) { group in
                for (index, request) in requests.enumerated() {
                    group.addTask { (index, try await fetcher.fetch(request)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }.sorted { $0.0 < $1.0 }.map(\.1)
            }
        }
        let first = try await fetchAll(feeds.indices.map { FetchRequest(url: nginx.url("f/\($0).rss")) })
        #expect(first.map(\.body) == feeds)
        let second = try await fetchAll(first.enumerated().map {
            FetchRequest(url: nginx.url("f/\($0.offset).rss"), etag: $0.element.etag, lastModified: $0.element.lastModified)
        })
        #expect(second.allSatisfy { $0.notModified })
    }

    @Test("HTTPS: certificates are always verified; with the server's CA the feed comes over HTTP/2")
    func tls() async throws {
        let feed = Self.sampleFeed(number: 3, items: 10)
        let nginx = try NginxServer(files: ["feed.rss": feed], tls: true)
        defer { nginx.stop() }
        let url = nginx.url("feed.rss")

        let strict = HTTPFetcher(settings: FetchSettings(allowFileURLs: false))
        defer { strict.shutdown() }
        do {
            _ = try await strict.fetch(FetchRequest(url: url))
            Issue.record("a self-signed certificate must be refused")
        } catch let error as FetchError {
            #expect(error.code == .tls, "\(error.message)")
            #expect(error.message.hasPrefix(url))
        }

        let trusting = HTTPFetcher(settings: FetchSettings(allowFileURLs: false, caBundlePath: try #require(nginx.certificate).path))
        defer { trusting.shutdown() }
        let response = try await trusting.fetch(FetchRequest(url: url))
        #expect(response.status == 200 && response.body == feed)
        #expect(response.httpVersion == "2")
        #expect(response.bytesOnWire < feed.count)
    }

    @Test("connections are reused: many feeds from one host go over at most maxPerHost connections")
    func connectionReuse() async throws {
        var files: [String: [UInt8]] = [:]
        for number in 0..<40 { files["r/\(number).rss"] = Self.sampleFeed(number: number, items: 2) }
        let nginx = try NginxServer(files: files, accessLog: true)
        defer { nginx.stop() }
        let fetcher = HTTPFetcher(settings: FetchSettings(maxConcurrent: 8, maxPerHost: 2, allowFileURLs: false))
        defer { fetcher.shutdown() }

        let results = await fetcher.fetchAll((0..<40).map { FetchRequest(url: nginx.url("r/\($0).rss")) })
        #expect(results.allSatisfy { (try? $0.get().status) == 200 })
        for number in 0..<5 {  // one at a time later on: the idle connections are picked up again
            _ = try await fetcher.fetch(FetchRequest(url: nginx.url("r/\(number).rss")))
        }
        var log = nginx.accessLog()
        for _ in 0..<100 where log.count < 45 {  // nginx logs a request just after answering it
            try await Task.sleep(for: .milliseconds(10))
            log = nginx.accessLog()
        }
        #expect(log.count == 45)
        let connections = Set(log.compactMap { $0.split(separator: " ").first })
        #expect((1...2).contains(connections.count), "\(connections.count) connections for 45 requests")
    }

    @Test("without nginx the tests fail with a message telling how to install it")
    func missingNginx() throws {
        let missing = "/nonexistent/preglednik/nginx"
        #expect {
            _ = try NginxServer(files: [:], binary: missing)
        } throws: { error in
            let text = String(describing: error)
            return text.contains(missing) && text.contains("apt-get install nginx-light")
        }
    }
}
