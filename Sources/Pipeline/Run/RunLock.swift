import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive, non-blocking lock on a file next to the database, so two runs (cron overlapping a
/// slow run, or a daemon and a manual run) never write at once. The kernel drops the lock when the
/// process dies, so a crashed run never blocks the next one.
public final class RunLock {
    private let descriptor: Int32
    /// The lock file.
    public let path: String

    /// Takes the lock or throws ``RunLockError/busy`` at once.
    public init(path: String) throws(RunLockError) {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .unavailable(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw .busy(path: path, holder: holder)
        }
        self.descriptor = descriptor
        self.path = path
        ftruncate(descriptor, 0)
        let note = "pid \(getpid()) since \(Date().formatted(.iso8601))\n"
        _ = note.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Why the run lock could not be taken.
public enum RunLockError: Error, Sendable, CustomStringConvertible {
    /// Another run holds it.
    case busy(path: String, holder: String?)
    /// The lock file cannot be created.
    case unavailable(path: String, reason: String)

    public var description: String {
        switch self {
        case .busy(let path, let holder):
            "another Preglednik run is in progress (\(holder ?? "lock \(path)")); this run stops without touching anything"
        case .unavailable(let path, let reason):
            "cannot create the lock file \(path): \(reason)"
        }
    }
}
