/// Why a fetch failed, with a stable code and a sentence a secretariat can act on.
public struct FetchError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Stable failure categories.
    public enum Code: String, Sendable {
        case httpStatus = "http-status"
        case timeout
        case tooLarge = "too-large"
        case tooManyRedirects = "too-many-redirects"
        case connection
        case tls
        case fileNotFound = "file-not-found"
        case badURL = "bad-url"
        case transfer
        /// The caller's task was cancelled before the transfer finished.
        case cancelled
    }

    /// The category.
    public var code: Code
    /// A human explanation naming the address.
    public var message: String
    /// The HTTP status when the server answered with an error.
    public var status: Int?
    /// Seconds the server asked us to wait (`Retry-After` on 429/503).
    public var retryAfterSeconds: Int?

    /// Creates an error.
    public init(code: Code, message: String, status: Int? = nil, retryAfterSeconds: Int? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { message }

    /// The error of a fetch whose task was cancelled.
    static func cancelled(_ request: FetchRequest) -> FetchError {
        FetchError(code: .cancelled, message: "\(request.url): cancelled")
    }
}
