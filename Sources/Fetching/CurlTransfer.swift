import CCurl
import Foundation

/// One transfer: its request, the state libcurl's callbacks fill in, and where its outcome goes.
/// Created on the caller's thread; from ``attach(_:)`` to ``detach()`` only the multi loop's thread
/// touches it. The easy handle it runs on belongs to the loop, which reuses handles (and their
/// buffers) from one transfer to the next, as libcurl recommends.
final class CurlTransfer: @unchecked Sendable {
    /// Receives the outcome, once, on the loop thread (or the caller's, if the transfer never starts).
    typealias Completion = @Sendable (Result<FetchResponse, FetchError>) -> Void

    let request: FetchRequest
    /// Scheme, host and port: the key of the per-host limit.
    let hostKey: String
    private let settings: FetchSettings
    private let completion: Completion
    /// The handle while attached; nil before and after.
    private(set) var easy: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?

    private var body: [UInt8] = []
    private var etag: String?
    private var lastModified: String?
    private var retryAfter: String?
    private var exceededLimit = false
    private var started = Date()
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Checks the address. Throws ``FetchError/Code/badURL`` for a scheme that may not be fetched.
    init(request: FetchRequest, settings: FetchSettings, completion: @escaping Completion) throws {
        let url = request.url.utf8
        guard HeaderLine.hasPrefix(url, "http://") || HeaderLine.hasPrefix(url, "https://")
                || (settings.allowFileURLs && HeaderLine.hasPrefix(url, "file://")) else {
            throw FetchError(code: .badURL, message: "\(request.url): only http, https\(settings.allowFileURLs ? " and file" : "") addresses can be fetched")
        }
        self.request = request
        self.hostKey = TransferQueue<CurlTransfer>.hostKey(of: request.url)
        self.settings = settings
        self.completion = completion
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Sets every option on a fresh or reset handle and starts the clock (loop thread).
    /// - Throws: ``FetchError`` when libcurl refuses an option; the handle is then detached again.
    func attach(_ handle: UnsafeMutableRawPointer) throws {
        easy = handle
        started = Date()
        do {
            try configure()
        } catch {
            _ = detach()
            throw error
        }
    }

    /// Returns the handle, reset to its defaults so no option points into this transfer any more.
    func detach() -> UnsafeMutableRawPointer? {
        defer { easy = nil }
        if let easy { curl_easy_reset(easy) }
        return easy
    }

    private func set(_ option: CURLoption, _ value: Int) throws {
        try check(pg_easy_setopt_long(easy, option, value), option)
    }

    private func set(_ option: CURLoption, _ value: String) throws {
        try check(value.withCString { pg_easy_setopt_string(easy, option, $0) }, option)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws {
        guard code == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(code))
            throw FetchError(code: .badURL, message: "\(request.url): libcurl refused option \(option.rawValue): \(reason)")
        }
    }

    private func configure() throws {
        try set(CURLOPT_URL, request.url)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_PROTOCOLS_STR, settings.allowFileURLs ? "http,https,file" : "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_FOLLOWLOCATION, 1)
        try set(CURLOPT_MAXREDIRS, settings.maxRedirects)
        // "" offers every decoder libcurl was built with (gzip, deflate, br, zstd) and decodes the body.
        try set(CURLOPT_ACCEPT_ENCODING, "")
        // HTTP/2 over TLS when the server offers it (ALPN), HTTP/1.1 otherwise and for plain http.
        try set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        try set(CURLOPT_USERAGENT, settings.userAgent)
        try set(CURLOPT_CONNECTTIMEOUT_MS, Int(settings.connectTimeoutSeconds * 1000))
        try set(CURLOPT_TIMEOUT_MS, Int(settings.totalTimeoutSeconds * 1000))
        // TLS verification is always on (system CA bundle, or caBundlePath); no setting turns it off.
        // Proxies: libcurl reads http_proxy, https_proxy, all_proxy and no_proxy from the
        // environment by default, so CURLOPT_PROXY is deliberately never set.
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let bundle = settings.caBundlePath { try set(CURLOPT_CAINFO, bundle) }
        // No CURLOPT_PIPEWAIT: it makes every transfer to a host wait while the first connection finds
        // out whether the server multiplexes, and on plain http or HTTP/1.1 servers that never ends:
        // transfers went pending one by one and timed out in libcurl's queue. HTTP/2 connections
        // are still reused for new streams once they are up.
        try check(pg_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(settings.maxBodyBytes)), CURLOPT_MAXFILESIZE_LARGE)
        errorBuffer[0] = 0
        try check(pg_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), CURLOPT_ERRORBUFFER)

        var headers: UnsafeMutablePointer<curl_slist>? = nil
        if let etag = request.etag { headers = curl_slist_append(headers, "If-None-Match: \(etag)") }
        if let lastModified = request.lastModified { headers = curl_slist_append(headers, "If-Modified-Since: \(lastModified)") }
        headerList = headers
        if let headers { try check(pg_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headers), CURLOPT_HTTPHEADER) }

        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(pg_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me), CURLOPT_WRITEDATA)
        try check(pg_easy_setopt_callback(easy, CURLOPT_WRITEFUNCTION) { buffer, size, count, userData in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData!).takeUnretainedValue()
            return transfer.receiveBody(buffer, size * count)
        }, CURLOPT_WRITEFUNCTION)
        try check(pg_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me), CURLOPT_HEADERDATA)
        try check(pg_easy_setopt_callback(easy, CURLOPT_HEADERFUNCTION) { buffer, size, count, userData in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData!).takeUnretainedValue()
            return transfer.receiveHeader(buffer, size * count)
        }, CURLOPT_HEADERFUNCTION)
    }

    private func receiveBody(_ buffer: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard let buffer, length > 0 else { return 0 }
        if body.count + length > settings.maxBodyBytes {
            exceededLimit = true
            return 0  // aborts the transfer with CURLE_WRITE_ERROR
        }
        buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    private func receiveHeader(_ buffer: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard let buffer, length > 0 else { return length }
        // Only the status line and ETag, Last-Modified and Retry-After matter: skip the rest unread.
        switch UInt8(bitPattern: buffer[0]) | 0x20 {
        case UInt8(ascii: "h"), UInt8(ascii: "e"), UInt8(ascii: "l"), UInt8(ascii: "r"): break
        default: return length
        }
        let line = HeaderLine(bytes: UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                                                         count: length))
        if line.isStatusLine {
            // A new response (after a redirect or 100-continue): forget the previous one's headers.
            etag = nil; lastModified = nil; retryAfter = nil
        } else if let value = line.value(ifNamed: "etag") {
            etag = value
        } else if let value = line.value(ifNamed: "last-modified") {
            lastModified = value
        } else if let value = line.value(ifNamed: "retry-after") {
            retryAfter = value
        }
        return length
    }

    /// Called by the loop thread when libcurl reports the transfer done; resumes the caller.
    func complete(with code: CURLcode) {
        completion(result(for: code, seconds: Date().timeIntervalSince(started)))
    }

    /// Called when the transfer could not even be added to the multi handle.
    func fail(_ error: FetchError) {
        completion(.failure(error))
    }

    private func result(for code: CURLcode, seconds: Double) -> Result<FetchResponse, FetchError> {
        var status = 0
        _ = pg_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var contentTypePointer: UnsafeMutablePointer<CChar>? = nil
        _ = pg_easy_getinfo_string(easy, CURLINFO_CONTENT_TYPE, &contentTypePointer)
        var effectivePointer: UnsafeMutablePointer<CChar>? = nil
        _ = pg_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &effectivePointer)
        var version = 0
        _ = pg_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
        var downloaded: curl_off_t = 0
        _ = pg_easy_getinfo_off(easy, CURLINFO_SIZE_DOWNLOAD_T, &downloaded)
        let url = request.url

        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            let reason = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            let error: FetchError
            switch code {
            case CURLE_OPERATION_TIMEDOUT:
                error = FetchError(code: .timeout, message: "\(url): timed out (\(reason))")
            case CURLE_FILESIZE_EXCEEDED:
                error = FetchError(code: .tooLarge, message: "\(url): body larger than the limit of \(settings.maxBodyBytes) bytes")
            case CURLE_WRITE_ERROR where exceededLimit:
                error = FetchError(code: .tooLarge, message: "\(url): body larger than the limit of \(settings.maxBodyBytes) bytes; transfer aborted")
            case CURLE_TOO_MANY_REDIRECTS:
                error = FetchError(code: .tooManyRedirects, message: "\(url): more than \(settings.maxRedirects) redirects")
            case CURLE_FILE_COULDNT_READ_FILE:
                error = FetchError(code: .fileNotFound, message: "\(url): file cannot be read (\(reason))")
            case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_RECV_ERROR,
                 CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
                error = FetchError(code: .connection, message: "\(url): connection failed (\(reason))")
            case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE:
                error = FetchError(code: .tls, message: "\(url): TLS failed (\(reason))")
            case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
                error = FetchError(code: .badURL, message: "\(url): \(reason)")
            default:
                error = FetchError(code: .transfer, message: "\(url): \(reason)")
            }
            return .failure(error)
        }
        if status >= 400 {
            let retry = retryAfter.flatMap { RetryPolicy.parseRetryAfter($0, now: Date()) }
            let hint = retry.map { "; server asks to retry after \($0) s" } ?? ""
            return .failure(FetchError(code: .httpStatus, message: "\(url): HTTP \(status)\(hint)",
                                       status: status, retryAfterSeconds: retry))
        }
        return .success(FetchResponse(
            status: status, body: body,
            contentType: contentTypePointer.map { String(cString: $0) },
            etag: etag, lastModified: lastModified,
            effectiveURL: effectivePointer.map { String(cString: $0) } ?? url,
            bytesOnWire: Int(downloaded), seconds: seconds, httpVersion: Self.versionName(version)))
    }

    private static func versionName(_ version: Int) -> String? {
        switch version {
        case CURL_HTTP_VERSION_1_0: "1.0"
        case CURL_HTTP_VERSION_1_1: "1.1"
        case CURL_HTTP_VERSION_2_0: "2"
        case CURL_HTTP_VERSION_3: "3"
        default: nil
        }
    }
}
