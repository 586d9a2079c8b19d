import Foundation

/// A task executor with threads of its own. Servers and timing-sensitive tests run on it, so they
/// keep answering while other suites keep the global pool (two threads on a 2-core CI machine) busy
/// with synchronous work.
public final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    /// The executor the test servers share.
    public static let shared = DedicatedThreadExecutor(name: "test-servers", threads: 2)

    /// Starts `threads` threads that run the jobs enqueued on this executor, forever.
    public init(name: String, threads: Int) {
        for index in 0..<threads {
            let thread = Thread { [self] in runJobs() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func runJobs() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
