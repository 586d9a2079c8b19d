import Foundation

/// Fetches documents concurrently over one libcurl multi event loop.
///
/// Transfers honour the global and per-host connection limits of ``FetchSettings``, reuse
/// connections, negotiate HTTP/2 and compression, and send conditional-GET validators.
/// Call ``shutdown()`` when done; the fetcher can serve any number of requests before that.
///
/// Proxies come from the environment as libcurl reads them (`http_proxy`, `https_proxy`,
/// `all_proxy`, `no_proxy`); TLS certificates are always verified against the system CA bundle.
public final class HTTPFetcher: Sendable {
    private let settings: FetchSettings
    let loop: CurlMultiLoop

    /// Starts the event loop thread.
    public init(settings: FetchSettings) {
        self.settings = settings
        self.loop = CurlMultiLoop(settings: settings)
    }

    /// Fetches one document. Cancelling the calling task ends the transfer with
    /// ``FetchError/Code/cancelled``.
    /// - Returns: the response; a 304 comes back as a response with ``FetchResponse/notModified``.
    /// - Throws: ``FetchError`` for HTTP statuses ≥ 400, timeouts, oversize bodies, redirect loops,
    ///   connection and TLS failures, and cancellation.
    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        guard !Task.isCancelled else { throw FetchError.cancelled(request) }
        let cancellation = TransferCancellation(loop: loop)
        return try await withTaskCancellationHandler {
            // Unsafe continuation: a transfer's completion runs exactly once, on every path.
            await withUnsafeContinuation { continuation in
                if let transfer = transfer(for: request, completion: { continuation.resume(returning: $0) }) {
                    loop.submit([transfer])
                    cancellation.track([transfer])
                }
            }
        } onCancel: {
            cancellation.cancel()
        }.get()
    }

    /// Creates the transfers on the caller's thread and hands them to the loop in one batch;
    /// `completion` gets each request's index and outcome exactly once.
    /// - Returns: the transfers submitted (requests that could not become one have had their outcome).
    @discardableResult
    func submit(_ requests: [FetchRequest],
                completion: @escaping @Sendable (Int, Result<FetchResponse, FetchError>) -> Void) -> [CurlTransfer] {
        var transfers: [CurlTransfer] = []
        transfers.reserveCapacity(requests.count)
        for (index, request) in requests.enumerated() {
            if let transfer = transfer(for: request, completion: { completion(index, $0) }) { transfers.append(transfer) }
        }
        if !transfers.isEmpty { loop.submit(transfers) }
        return transfers
    }

    /// A transfer for `request`, or nil after handing `completion` the reason it cannot be made.
    private func transfer(for request: FetchRequest, completion: @escaping CurlTransfer.Completion) -> CurlTransfer? {
        do {
            return try CurlTransfer(request: request, settings: settings, completion: completion)
        } catch {
            completion(.failure(error as? FetchError ?? FetchError(code: .transfer, message: "\(request.url): \(error)")))
            return nil
        }
    }

    /// Stops the event loop; transfers still running fail with a "cancelled" error. Idempotent.
    public func shutdown() {
        loop.shutdown()
    }

    deinit {
        loop.shutdown()
    }
}
