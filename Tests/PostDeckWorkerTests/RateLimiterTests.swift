import Foundation
import Testing
import PostDeckCore
@testable import PostDeckWorker

/// The caps on calls in flight: in all, per network, per account; and a throttled account.
@Suite struct RateLimiterTests {
    let a = AccountID.random(), b = AccountID.random(), c = AccountID.random()

    @Test func aNetworkCapHoldsBackOnlyThatNetwork() async {
        let limiter = RateLimiter(total: 10, limits: RateLimits(perNetwork: [.linkedin: 1], perAccount: 5))
        #expect(await limiter.acquire(network: .linkedin, account: a) == .granted)
        let waiting = Task { await limiter.acquire(network: .linkedin, account: b) }
        #expect(await limiter.acquire(network: .instagram, account: c) == .granted, "another network is not held back")
        await limiter.release(network: .linkedin, account: a)
        #expect(await waiting.value == .granted, "the waiting LinkedIn send goes once the first ends")
    }

    @Test func anAccountTakesOneCallAtATimeAndTheTotalCapHolds() async {
        let limiter = RateLimiter(total: 2, limits: RateLimits())
        #expect(await limiter.acquire(network: .instagram, account: a) == .granted)
        let sameAccount = Task { await limiter.acquire(network: .instagram, account: a) }
        #expect(await limiter.acquire(network: .tiktok, account: b) == .granted)
        let overTotal = Task { await limiter.acquire(network: .facebook, account: c) }
        await limiter.release(network: .tiktok, account: b)
        #expect(await overTotal.value == .granted, "a free slot goes to the waiter that fits, not to the first in line")
        await limiter.release(network: .instagram, account: a)
        #expect(await sameAccount.value == .granted)
    }

    @Test func closingRefusesWaitingAndFutureSends() async {
        let limiter = RateLimiter(total: 1, limits: RateLimits())
        #expect(await limiter.acquire(network: .instagram, account: a) == .granted)
        let waiting = Task { await limiter.acquire(network: .instagram, account: b) }
        while await limiter.waitingCount == 0 { await Task.yield() }
        await limiter.close()
        #expect(await waiting.value == .closed)
        #expect(await limiter.acquire(network: .tiktok, account: c) == .closed)
    }

    @Test func aThrottledAccountIsNotSentToUntilItsRetryAfterHasPassed() async {
        let limiter = RateLimiter(total: 4, limits: RateLimits())
        await limiter.coolDown(account: a, seconds: 60)
        guard case .coolingDown(let wait) = await limiter.acquire(network: .instagram, account: a) else {
            Issue.record("a throttled account was granted a slot")
            return
        }
        #expect(wait > 59 && wait <= 60)
        #expect(await limiter.acquire(network: .instagram, account: b) == .granted, "other accounts are not held back")
        await limiter.coolDown(account: c, seconds: 0)
        #expect(await limiter.acquire(network: .instagram, account: c) == .granted, "a cooldown that has passed holds nothing back")
    }
}
