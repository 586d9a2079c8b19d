import Synchronization

/// Connects a caller's task cancellation to its transfers. The cancellation handler may run
/// before the transfers exist (a task cancelled before it called), so both orders are handled:
/// transfers tracked after ``cancel()`` are cancelled at once.
final class TransferCancellation: Sendable {
    private let loop: CurlMultiLoop
    private let state = Mutex<(transfers: [CurlTransfer], cancelled: Bool)>(([], false))

    init(loop: CurlMultiLoop) {
        self.loop = loop
    }

    /// Remembers submitted transfers; cancels them right away if the task already was.
    func track(_ transfers: [CurlTransfer]) {
        let cancelled = state.withLock { state -> Bool in
            state.transfers += transfers
            return state.cancelled
        }
        if cancelled { loop.cancel(transfers) }
    }

    /// The task's cancellation handler: ends every tracked transfer that is still queued or running.
    func cancel() {
        let transfers = state.withLock { state -> [CurlTransfer] in
            state.cancelled = true
            return state.transfers
        }
        loop.cancel(transfers)
    }
}
