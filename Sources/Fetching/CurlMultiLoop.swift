import CCurl
import Foundation
import Synchronization

/// The one event loop that drives every transfer: a dedicated thread owns the `CURLM*` and loops
/// perform → info_read → poll. Other threads only enqueue and call `curl_multi_wakeup`, the one call
/// libcurl allows from any thread, so a new transfer starts at once instead of after the poll's
/// timeout. Blocking calls never run on Swift's cooperative pool.
///
/// Limits: a ``TransferQueue`` admits transfers to libcurl under ``FetchSettings/maxConcurrent`` and
/// ``FetchSettings/maxPerHost`` (so queueing time never counts against a transfer's timeouts);
/// `CURLMOPT_MAX_TOTAL_CONNECTIONS` and `CURLMOPT_MAX_HOST_CONNECTIONS` cap open connections the same
/// way, and the multi handle's connection cache keeps them alive for reuse by later transfers.
// `@unchecked`: `multi` is used only by the loop thread, except `curl_multi_wakeup`, which libcurl
// documents as safe from any thread; all other shared state is behind `Mutex`.
final class CurlMultiLoop: @unchecked Sendable {
    private struct Shared {
        var incoming: [CurlTransfer] = []
        /// Transfers whose callers' tasks were cancelled.
        var cancelled: [CurlTransfer] = []
        var stopping = false
        /// The loop found nothing to do and is (about to be) asleep in `curl_multi_poll`: the next
        /// submission must wake it. While it is awake it looks at `incoming` before sleeping.
        var sleeping = false
    }

    private let multi: UnsafeMutableRawPointer
    private let shared = Mutex(Shared())
    private let finished = DispatchSemaphore(value: 0)
    private let maxActive: Int
    private let maxPerHost: Int

    init(settings: FetchSettings) {
        CurlGlobal.ensureInitialized()
        multi = curl_multi_init()!
        maxActive = max(settings.maxConcurrent, 1)
        maxPerHost = max(settings.maxPerHost, 1)
        _ = pg_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, maxActive)
        _ = pg_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxPerHost)
        // Idle connections kept for reuse: enough for every slot.
        _ = pg_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxActive)
        _ = pg_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        let thread = Thread { [self] in run() }
        thread.name = "preglednik-curl"
        thread.start()
    }

    /// Queues transfers and wakes the loop thread, which starts them as soon as slots are free.
    /// Only a sleeping loop is woken, once: a busy loop picks new transfers up before it sleeps.
    func submit(_ transfers: [CurlTransfer]) {
        let (accepted, wake) = shared.withLock { state -> (Bool, Bool) in
            guard !state.stopping else { return (false, false) }
            state.incoming.append(contentsOf: transfers)
            defer { state.sleeping = false }
            return (true, state.sleeping)
        }
        if wake {
            curl_multi_wakeup(multi)
        } else if !accepted {
            for transfer in transfers {
                transfer.fail(FetchError(code: .transfer, message: "\(transfer.request.url): fetcher is shut down"))
            }
        }
    }

    /// Asks the loop to end transfers whose tasks were cancelled: each fails with
    /// ``FetchError/Code/cancelled`` unless it has already finished.
    func cancel(_ transfers: [CurlTransfer]) {
        guard !transfers.isEmpty else { return }
        let wake = shared.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.cancelled.append(contentsOf: transfers)
            defer { state.sleeping = false }
            return state.sleeping
        }
        if wake { curl_multi_wakeup(multi) }
    }

    /// Stops the loop after failing what is still queued or running, and waits for the thread to leave.
    func shutdown() {
        let first = shared.withLock { state -> Bool in
            defer { state.stopping = true }
            return !state.stopping
        }
        guard first else { return }
        curl_multi_wakeup(multi)
        finished.wait()
        curl_multi_cleanup(multi)
    }

    private func run() {
        var queue = TransferQueue<CurlTransfer>(maxActive: maxActive, maxPerHost: maxPerHost)
        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        // Easy handles of finished transfers, reset and kept for the next ones: at most one a slot.
        var idle: [UnsafeMutableRawPointer] = []
        func recycle(_ handle: UnsafeMutableRawPointer?) {
            guard let handle else { return }
            if idle.count < maxActive { idle.append(handle) } else { curl_easy_cleanup(handle) }
        }
        var changed = false
        while true {
            let (incoming, cancelled, stopping) = shared.withLock { state in
                defer {
                    state.incoming.removeAll()
                    state.cancelled.removeAll()
                }
                state.sleeping = false
                return (state.incoming, state.cancelled, state.stopping)
            }
            if stopping {
                for transfer in incoming + queue.drain() {
                    transfer.fail(FetchError(code: .transfer, message: "\(transfer.request.url): fetcher is shut down"))
                }
                for (easy, transfer) in active {
                    curl_multi_remove_handle(multi, easy)
                    curl_easy_cleanup(transfer.detach())
                    transfer.fail(FetchError(code: .transfer, message: "\(transfer.request.url): cancelled at shutdown"))
                }
                idle.forEach { curl_easy_cleanup($0) }
                finished.signal()
                return
            }
            for transfer in incoming { queue.enqueue(transfer, host: transfer.hostKey) }
            for transfer in cancelled {
                let error = FetchError.cancelled(transfer.request)
                if let easy = transfer.easy, active.removeValue(forKey: easy) != nil {
                    curl_multi_remove_handle(multi, easy)
                    recycle(transfer.detach())
                    queue.finished(host: transfer.hostKey)
                    changed = true
                    transfer.fail(error)
                } else if queue.remove(where: { $0 === transfer }) {
                    transfer.fail(error)
                }  // else it has finished already and its caller has its outcome
            }
            if changed || !incoming.isEmpty {
                for (host, transfer) in queue.release() {
                    guard let easy = idle.popLast() ?? curl_easy_init() else {
                        queue.finished(host: host)
                        transfer.fail(FetchError(code: .transfer, message: "\(transfer.request.url): libcurl could not create a transfer"))
                        continue
                    }
                    do {
                        try transfer.attach(easy)
                    } catch {
                        recycle(easy)
                        queue.finished(host: host)
                        transfer.fail(error as? FetchError ?? FetchError(code: .transfer, message: "\(transfer.request.url): \(error)"))
                        continue
                    }
                    let code = curl_multi_add_handle(multi, easy)
                    if code == CURLM_OK {
                        active[easy] = transfer
                    } else {
                        recycle(transfer.detach())
                        queue.finished(host: host)
                        transfer.fail(FetchError(code: .transfer, message: "\(transfer.request.url): \(String(cString: curl_multi_strerror(code)))"))
                    }
                }
            }
            changed = false
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                if let transfer = active.removeValue(forKey: easy) {
                    queue.finished(host: transfer.hostKey)
                    changed = true
                    transfer.complete(with: code)
                    recycle(transfer.detach())
                }
            }
            // Start queued transfers right away when a slot freed up; otherwise sleep until
            // socket activity, libcurl's next timer, or a wakeup from `submit`/`shutdown`.
            if changed && queue.waitingCount > 0 { continue }
            let sleep = shared.withLock { state -> Bool in
                guard state.incoming.isEmpty, state.cancelled.isEmpty, !state.stopping else { return false }
                state.sleeping = true
                return true
            }
            if sleep { curl_multi_poll(multi, nil, 0, 1000, nil) }
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
