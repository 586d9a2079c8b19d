import Foundation
import Testing
@testable import Fetching

struct RetryPolicyTests {
    @Test("backoff doubles with jitter and stops at the cap")
    func exponentialBackoff() {
        let policy = RetryPolicy(baseSeconds: 60, capSeconds: 3600)
        #expect(policy.delaySeconds(consecutiveFailures: 1, retryAfterSeconds: nil, jitter: 0.5) == 60)
        #expect(policy.delaySeconds(consecutiveFailures: 3, retryAfterSeconds: nil, jitter: 0.5) == 240)
        #expect(policy.delaySeconds(consecutiveFailures: 3, retryAfterSeconds: nil, jitter: 0) == 180)
        #expect(policy.delaySeconds(consecutiveFailures: 40, retryAfterSeconds: nil, jitter: 0.99) == 3600)
    }

    @Test("Retry-After wins, in seconds or as an HTTP date")
    func retryAfter() {
        let policy = RetryPolicy(baseSeconds: 60, capSeconds: 3600)
        #expect(policy.delaySeconds(consecutiveFailures: 5, retryAfterSeconds: 90, jitter: 0.9) == 90)
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(RetryPolicy.parseRetryAfter("120", now: now) == 120)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(RetryPolicy.parseRetryAfter(formatter.string(from: now.addingTimeInterval(300)), now: now) == 300)
        #expect(RetryPolicy.parseRetryAfter("soon", now: now) == nil)
    }
}
