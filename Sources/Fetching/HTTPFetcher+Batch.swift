import Synchronization

extension HTTPFetcher {
    /// Fetches many documents at once, each with its own outcome; one failing source never stops
    /// the others. Cheaper than one ``fetch(_:)`` task per request: the batch reaches the event
    /// loop with one wakeup and the caller is resumed once, when the last transfer ends.
    /// Cancelling the calling task ends the transfers still queued or running with
    /// ``FetchError/Code/cancelled``.
    /// - Returns: one result per request, in the order of `requests`.
    public func fetchAll(_ requests: [FetchRequest]) async -> [Result<FetchResponse, FetchError>] {
        guard !requests.isEmpty else { return [] }
        guard !Task.isCancelled else { return requests.map { .failure(FetchError.cancelled($0)) } }
        let cancellation = TransferCancellation(loop: loop)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let collector = BatchCollector(count: requests.count) { continuation.resume(returning: $0) }
                cancellation.track(submit(requests) { index, result in collector.record(index, result) })
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}

/// Gathers the outcomes of a batch and hands them over when the last one arrives.
final class BatchCollector: Sendable {
    typealias Results = [Result<FetchResponse, FetchError>]
    private let state: Mutex<(results: [Result<FetchResponse, FetchError>?], remaining: Int)>
    private let done: @Sendable (Results) -> Void

    init(count: Int, done: @escaping @Sendable (Results) -> Void) {
        state = Mutex((Array(repeating: nil, count: count), count))
        self.done = done
    }

    /// Stores one outcome; the last one calls `done` with all of them.
    func record(_ index: Int, _ result: Result<FetchResponse, FetchError>) {
        let finished = state.withLock { state -> Results? in
            state.results[index] = result
            state.remaining -= 1
            return state.remaining == 0 ? state.results.map { $0! } : nil
        }
        if let finished { done(finished) }
    }
}
