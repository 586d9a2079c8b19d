import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Signals for the daemon: SIGHUP asks for a reload, SIGTERM and SIGINT for a graceful stop.
/// The handlers only set flags; the daemon's loop acts on them between steps, so a transaction in
/// progress always finishes and no file is left half-written.
public final class DaemonControl: Sendable {
    private struct State {
        var reload = false
        var stop = false
    }
    private let state = Mutex(State())
    /// Kept alive for the life of the process; written once by ``installSignalHandlers()``.
    nonisolated(unsafe) private static var signalSources: [any DispatchSourceSignal] = []

    /// Creates a control with no signal handlers (tests call ``requestReload()``/``requestStop()``).
    public init() {}

    /// Installs the signal handlers. Signals are first unblocked: a process started from a thread
    /// that blocks them (some supervisors, Foundation's Process) would otherwise never see SIGTERM.
    public func installSignalHandlers() {
        var empty = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, nil)
        let handlers: [(Int32, @Sendable () -> Void)] = [
            (SIGHUP, { [weak self] in self?.requestReload() }),
            (SIGTERM, { [weak self] in self?.requestStop() }),
            (SIGINT, { [weak self] in self?.requestStop() }),
        ]
        var installed: [any DispatchSourceSignal] = []
        for (number, handler) in handlers {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            installed.append(source)
        }
        Self.signalSources = installed
    }

    /// Asks the daemon to re-read its configuration before its next step.
    public func requestReload() { state.withLock { $0.reload = true } }

    /// Asks the daemon to stop after the step in progress.
    public func requestStop() { state.withLock { $0.stop = true } }

    /// Whether a stop was requested.
    public var stopRequested: Bool { state.withLock { $0.stop } }

    /// Returns and clears a pending reload request.
    public func takeReload() -> Bool {
        state.withLock { state in
            defer { state.reload = false }
            return state.reload
        }
    }

    /// Waits up to `seconds`, returning early on a stop or reload request.
    public func sleep(seconds: Double) async {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let pending = state.withLock { $0.stop || $0.reload }
            if pending { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
