/// Politeness and safety limits for every transfer.
///
/// There is deliberately no proxy setting and no way to turn TLS verification off: libcurl takes
/// proxies from `http_proxy`, `https_proxy`, `all_proxy` and `no_proxy` in the environment (the
/// upper-case `HTTP_PROXY` is ignored, as in every libcurl program), and always verifies
/// certificates, against ``caBundlePath`` when given, else the system bundle.
public struct FetchSettings: Sendable, Equatable {
    /// `User-Agent`, with a contact URL so server operators can reach us, e.g.
    /// `Preglednik/1.0 (+https://example.org/contact)` (the configuration appends `fetch.contact_url`).
    public var userAgent: String
    /// Transfers running at once over all hosts; more wait in a queue, untimed.
    public var maxConcurrent: Int
    /// Transfers (and connections) to one host at once; more wait in a queue, untimed.
    public var maxPerHost: Int
    /// Connect timeout in seconds.
    public var connectTimeoutSeconds: Double
    /// Whole-transfer timeout in seconds (a slow drip is cut here).
    public var totalTimeoutSeconds: Double
    /// Largest body accepted; the transfer is aborted past it.
    public var maxBodyBytes: Int
    /// Redirects followed at most.
    public var maxRedirects: Int
    /// Whether `file://` URLs may be fetched (offline samples). Redirects never go to `file://`.
    public var allowFileURLs: Bool
    /// A PEM bundle of CA certificates to verify servers against instead of the system bundle
    /// (for a gazette signed by a national CA missing from it). Verification itself is always on.
    public var caBundlePath: String?

    /// Creates settings; the defaults suit slow gazette servers.
    public init(userAgent: String = "Preglednik/1.0",
                maxConcurrent: Int = 8,
                maxPerHost: Int = 2,
                connectTimeoutSeconds: Double = 15,
                totalTimeoutSeconds: Double = 60,
                maxBodyBytes: Int = 20 * 1024 * 1024,
                maxRedirects: Int = 5,
                allowFileURLs: Bool = true,
                caBundlePath: String? = nil) {
        self.userAgent = userAgent
        self.maxConcurrent = maxConcurrent
        self.maxPerHost = maxPerHost
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.totalTimeoutSeconds = totalTimeoutSeconds
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.allowFileURLs = allowFileURLs
        self.caBundlePath = caBundlePath
    }
}
