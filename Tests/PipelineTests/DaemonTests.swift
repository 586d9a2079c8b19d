import FlyingFox
import Foundation
import Storage
import TestSupport
import Testing
@testable import Pipeline

/// A real `preglednik daemon` process against a real loopback HTTP server.
@Suite("Daemon process: schedule, SIGHUP reload, SIGTERM stop", .serialized)
struct DaemonTests {
    @Test("fetches on schedule, picks up a new source on SIGHUP, exits 0 on SIGTERM with an intact database")
    func daemonLifecycle() async throws {
        let binary = try #require(TestWorkspace.executable, "the preglednik executable is built by `swift test`")
        let hits = HitCounter()
        let laterHits = HitCounter()
        let first = TestWorkspace.rss(items: [("Predlog zakona o lokalni samoupravi", "d-1", "prva obravnava", "Tue, 17 Nov 2026 09:00:00 +0100")])
        let second = TestWorkspace.rss(items: [("Predlog zakona o gasilstvu", "d-2", "tretja obravnava", "Wed, 18 Nov 2026 09:00:00 +0100")])
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /first.xml") { _ in hits.add(); return HTTPResponse(statusCode: .ok, body: Data(first.utf8)) }
            await server.appendRoute("GET /second.xml") { _ in laterHits.add(); return HTTPResponse(statusCode: .ok, body: Data(second.utf8)) }
        }
        defer { Task { await server.stop() } }
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.addSource(id: "si-first", url: server.url("/first.xml"), sample: nil, extra: "phase_from = \"category\"\n")
        _ = try workspace.config(offline: false, extra: "[daemon]\npoll = \"1s\"\n")

        let process = Process()
        process.executableURL = binary
        process.arguments = ["daemon", "--config", workspace.configFile, "--log-format", "json", "--log-level", "info"]
        let log = workspace.root.appendingPathComponent("daemon.log")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        func waitFor(_ what: String, seconds: Double = 30, _ condition: () -> Bool) async throws {
            let deadline = Date().addingTimeInterval(seconds)
            while !condition() {
                guard Date() < deadline, process.isRunning else {
                    let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                    Issue.record("timed out waiting for \(what); daemon log:\n\(output)")
                    throw CancellationError()
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        try await waitFor("the first fetch") { hits.value >= 1 }
        // Its schedule is 1h: later looks do not fetch it again.
        try await Task.sleep(for: .seconds(2.5))
        #expect(hits.value == 1)

        try workspace.addSource(id: "si-second", url: server.url("/second.xml"), sample: nil, extra: "phase_from = \"category\"\n")
        kill(process.processIdentifier, SIGHUP)
        try await waitFor("the new source after SIGHUP") { laterHits.value >= 1 }
        #expect(process.isRunning, "SIGHUP must not stop the daemon")

        // Let the cycle that fetched the new source commit, then stop.
        try await waitFor("both acts stored") {
            ((try? ActStore(path: workspace.database).acts().count) ?? 0) == 2
        }
        kill(process.processIdentifier, SIGTERM)
        try await waitFor("exit after SIGTERM", seconds: 20) { !process.isRunning }
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let store = try ActStore(path: workspace.database)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.acts().count == 2)
        let logText = try String(contentsOf: log, encoding: .utf8)
        #expect(logText.contains("configuration reloaded"))
        #expect(logText.contains("daemon stopped"))
    }
}
