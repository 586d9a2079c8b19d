import CCurl
import Foundation
import Synchronization

/// The one event loop that drives every transfer: a dedicated thread owns the `CURLM*` and loops
/// perform → info_read → poll. Other threads only enqueue and call `curl_multi_wakeup`, the one call
/// libcurl allows from any thread. Blocking calls never run on Swift's cooperative pool.
// `@unchecked`: `multi` is used only by the loop thread, except `curl_multi_wakeup`, which libcurl
// documents as safe from any thread; all other shared state is behind `Mutex`.
final class CurlMultiLoop: @unchecked Sendable {
    private struct Shared {
        var incoming: [CurlTransfer] = []
        var stopping = false
    }

    private let multi: UnsafeMutableRawPointer
    private let shared = Mutex(Shared())
    private let finished = Mutex(false)

    init(settings: FetchSettings) {
        CurlGlobal.ensureInitialized()
        multi = curl_multi_init()!
        _ = pg_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, max(settings.maxConcurrent, 1))
        _ = pg_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(settings.maxPerHost, 1))
        _ = pg_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        let thread = Thread { [self] in run() }
        thread.name = "preglednik-curl"
        thread.start()
    }

    /// Queues a transfer; the loop thread adds it to the multi handle.
    func submit(_ transfer: CurlTransfer) {
        let accepted = shared.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.incoming.append(transfer)
            return true
        }
        if accepted {
            curl_multi_wakeup(multi)
        } else {
            transfer.fail(FetchError(code: .transfer, message: "\(transfer.request.url): fetcher is shut down"))
        }
    }

    /// Stops the loop after failing what is still running, and waits for the thread to leave.
    func shutdown() {
        shared.withLock { $0.stopping = true }
        curl_multi_wakeup(multi)
        while !finished.withLock({ $0 }) { usleep(1000) }
        curl_multi_cleanup(multi)
    }

    private func run() {
        var active: [UnsafeMutableRawPointer: (transfer: CurlTransfer, start: Date)] = [:]
        while true {
            let (incoming, stopping) = shared.withLock { state in
                defer { state.incoming.removeAll() }
                return (state.incoming, state.stopping)
            }
            if stopping {
                for transfer in incoming {
                    transfer.fail(FetchError(code: .transfer, message: "\(transfer.request.url): fetcher is shut down"))
                }
                for (easy, entry) in active {
                    curl_multi_remove_handle(multi, easy)
                    entry.transfer.fail(FetchError(code: .transfer, message: "\(entry.transfer.request.url): cancelled at shutdown"))
                }
                finished.withLock { $0 = true }
                return
            }
            for transfer in incoming {
                let code = curl_multi_add_handle(multi, transfer.easy)
                if code == CURLM_OK {
                    active[transfer.easy] = (transfer, Date())
                } else {
                    transfer.fail(FetchError(code: .transfer, message: "\(transfer.request.url): \(String(cString: curl_multi_strerror(code)))"))
                }
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                if let entry = active.removeValue(forKey: easy) {
                    entry.transfer.complete(with: code, elapsedSince: entry.start)
                }
            }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }
}

/// `curl_global_init` must run once before any transfer, before threads start using libcurl.
enum CurlGlobal {
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
        return true
    }()

    /// Initializes libcurl once per process (thread-safe: Swift's lazy globals use `swift_once`).
    static func ensureInitialized() { _ = initialized }
}
