import Foundation
import Storage
import Testing
@testable import Pipeline

/// A real `preglednik run --once` child process is killed with SIGKILL in the middle of writing; the
/// database must stay consistent and the next run must complete the work without duplicates.
@Suite("Crash safety with a real child process", .serialized)
struct CrashSafetyTests {
    @Test("kill -9 mid-run leaves an intact database; the next run completes it")
    func killMidRun() async throws {
        let binary = try #require(TestWorkspace.executable, "the preglednik executable is built by `swift build`/`swift test`")
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let perSource = 4000
        for source in 0..<4 {
            let items = (0..<perSource).map { index in
                (title: "Predlog zakona o komunalni dejavnosti številka \(source)-\(index)", guid: "s\(source)-\(index)",
                 phase: Optional("prva obravnava"), date: "Tue, 17 Nov 2026 09:00:00 +0100")
            }
            try workspace.addSource(id: "si-bulk-\(source)", sample: TestWorkspace.rss(items: items), extra: "phase_from = \"category\"\n")
        }
        let config = try workspace.config()

        let process = Process()
        process.executableURL = binary
        process.arguments = ["run", "--once", "--no-digests", "--config", workspace.root.appendingPathComponent("preglednik.toml").path,
                             "--log-format", "json", "--log-level", "error"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill as soon as the first source batch is being written (the WAL has grown).
        let deadline = Date().addingTimeInterval(60)
        var killedMidWrite = false
        while Date() < deadline && process.isRunning {
            let wal = (try? FileManager.default.attributesOfItem(atPath: workspace.database + "-wal"))?[.size] as? Int ?? 0
            if wal > 64 * 1024 {
                kill(process.processIdentifier, SIGKILL)
                killedMidWrite = true
                break
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let waitDeadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < waitDeadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(!process.isRunning)
        #expect(killedMidWrite, "the run finished before it could be killed; make the input larger")

        let store = try ActStore(path: workspace.database)
        #expect(try store.integrityCheck() == "ok")
        let partial = try store.counts()
        // Whole source batches only: a batch is one transaction.
        #expect(partial.acts % perSource == 0, "acts after the crash: \(partial.acts)")
        #expect(partial.acts < 4 * perSource)

        let report = try await PipelineRunner(config: config, logger: .init(label: "test")).runOnce(writeDigests: false)
        #expect(report.failed == 0)
        let final = try store.counts()
        #expect(final.acts == 4 * perSource)
        #expect(final.items == 4 * perSource)
        #expect(try store.integrityCheck() == "ok")
    }
}
