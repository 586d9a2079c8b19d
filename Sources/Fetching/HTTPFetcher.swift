import Foundation

/// Fetches documents concurrently over one libcurl multi event loop.
///
/// Transfers honour the global and per-host connection limits of ``FetchSettings``, reuse
/// connections, negotiate HTTP/2 and compression, and send conditional-GET validators.
/// Call ``shutdown()`` when done; the fetcher can serve any number of requests before that.
public final class HTTPFetcher: Sendable {
    private let settings: FetchSettings
    private let loop: CurlMultiLoop

    /// Starts the event loop thread.
    public init(settings: FetchSettings) {
        self.settings = settings
        self.loop = CurlMultiLoop(settings: settings)
    }

    /// Fetches one document.
    /// - Returns: the response; a 304 comes back as a response with ``FetchResponse/notModified``.
    /// - Throws: ``FetchError`` for HTTP statuses ≥ 400, timeouts, oversize bodies, redirect loops,
    ///   connection and TLS failures.
    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        try await withCheckedThrowingContinuation { continuation in
            do {
                let transfer = try CurlTransfer(request: request, settings: settings, continuation: continuation)
                loop.submit(transfer)
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    /// Stops the event loop; transfers still running fail with a "cancelled" error.
    public func shutdown() {
        loop.shutdown()
    }
}
