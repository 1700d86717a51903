import Foundation
import Testing
@testable import PostDeckCore

/// The worker's rules that need no database: what blocks a send, and when a retry runs.
@Suite struct PublishRulesTests {
    let now = instant("2026-11-25T12:00:00Z")

    @Test func anInactiveAccountOrAMissingOrExpiredTokenBlocksASendAndSaysWhichToken() {
        #expect(PublishBlocker.check(accountActive: true, hasToken: true, tokenExpiresAt: nil, now: now) == nil)
        #expect(PublishBlocker.check(accountActive: true, hasToken: true, tokenExpiresAt: now.addingTimeInterval(60), now: now) == nil)
        #expect(PublishBlocker.check(accountActive: false, hasToken: true, tokenExpiresAt: nil, now: now) == .accountInactive)
        #expect(PublishBlocker.check(accountActive: true, hasToken: false, tokenExpiresAt: nil, now: now) == .tokenMissing)
        #expect(PublishBlocker.check(accountActive: true, hasToken: true, tokenExpiresAt: now, now: now) == .tokenExpired(at: now),
                "a token expiring this instant is expired, as account_health says")
        #expect(PublishBlocker.tokenExpired(at: instant("2026-11-20T09:05:59Z")).message(username: "acme", platform: .instagram)
                == "not sent: the access token of @acme on Instagram expired 2026-11-20 09:05 UTC; reconnect the account")
        #expect(PublishBlocker.tokenMissing.message(username: nil, platform: .tiktok)
                == "not sent: the account on TikTok has no access token; reconnect the account")
    }

    @Test func theBackoffDoublesPerAttemptWithinItsJitterAndIsCapped() {
        let backoff = RetryBackoff(base: 30, cap: 3600)
        #expect(backoff.delay(afterAttempt: 1, retryAfter: nil, jitter: 0.5) == 30)
        #expect(backoff.delay(afterAttempt: 2, retryAfter: nil, jitter: 0.5) == 60)
        #expect(backoff.delay(afterAttempt: 3, retryAfter: nil, jitter: 0.5) == 120)
        #expect(backoff.delay(afterAttempt: 1, retryAfter: nil, jitter: 0) == 22.5)
        #expect(backoff.delay(afterAttempt: 1, retryAfter: nil, jitter: 0.999_999) < 37.5)
        #expect(backoff.delay(afterAttempt: 20, retryAfter: nil, jitter: 0.5) == 3600)
    }

    @Test func retryAfterIsHonouredEvenBeyondTheCap() {
        let backoff = RetryBackoff(base: 30, cap: 3600)
        #expect(backoff.delay(afterAttempt: 1, retryAfter: 90, jitter: 0.5) == 90)
        #expect(backoff.delay(afterAttempt: 1, retryAfter: 5, jitter: 0.5) == 30, "a shorter Retry-After does not cut the backoff")
        #expect(backoff.delay(afterAttempt: 1, retryAfter: 7200, jitter: 0.5) == 7200)
    }
}
