import Foundation

/// When to try a failing source again: the server's `Retry-After` when given, else exponential
/// backoff with jitter, capped.
public struct RetryPolicy: Sendable, Equatable {
    /// Delay after the first failure.
    public var baseSeconds: Double
    /// Longest delay.
    public var capSeconds: Double

    /// Creates a policy (defaults: 5 minutes doubling up to 24 hours).
    public init(baseSeconds: Double = 300, capSeconds: Double = 24 * 3600) {
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
    }

    /// The delay before the next attempt.
    /// - Parameters:
    ///   - consecutiveFailures: failures in a row, including the one just seen (≥ 1).
    ///   - retryAfterSeconds: what the server asked for, if anything; honoured up to the cap.
    ///   - jitter: a number in 0..<1 (random in production, fixed in tests); spreads ±25 %.
    public func delaySeconds(consecutiveFailures: Int, retryAfterSeconds: Int?, jitter: Double) -> Double {
        if let retryAfterSeconds { return min(Double(max(retryAfterSeconds, 1)), capSeconds) }
        let exponent = Double(max(consecutiveFailures - 1, 0))
        let raw = min(baseSeconds * pow(2, min(exponent, 30)), capSeconds)
        return min(raw * (0.75 + 0.5 * jitter), capSeconds)
    }

    /// Parses a `Retry-After` value: delta-seconds or an HTTP date.
    public static func parseRetryAfter(_ value: String, now: Date) -> Int? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return max(seconds, 0) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(Int(date.timeIntervalSince(now).rounded(.up)), 0)
    }
}
