import PostDeckCore

/// Caps on calls in flight, like the per-provider queues of Postiz: at most `total` at once
/// (`--concurrency`), at most `limits.perNetwork[network]` to one network, at most
/// `limits.perAccount` to one account. A send waits, in arrival order, until all three
/// allow it. After an account was throttled (HTTP 429), its sends are not started until
/// the `Retry-After` has passed: they are put off to the job's next attempt instead.
///
/// The caps hold per worker process; with several workers the network sees their sum
/// (docs/WORKER.md says how to size them).
actor RateLimiter {
    private let total: Int
    private let limits: RateLimits
    private var inFlight = 0
    private var byNetwork: [Platform: Int] = [:]
    private var byAccount: [AccountID: Int] = [:]
    private var cooldowns: [AccountID: ContinuousClock.Instant] = [:]
    private var waiters: [Waiter] = []
    private var closed = false

    private struct Waiter {
        let network: Platform
        let account: AccountID
        let continuation: CheckedContinuation<Bool, Never>
    }

    init(total: Int, limits: RateLimits) {
        self.total = max(1, total)
        self.limits = limits
    }

    /// What `acquire` gives.
    enum Permit: Equatable {
        /// A slot is taken: send, then `release`.
        case granted
        /// The account is throttled for this many more seconds: do not send now.
        case coolingDown(Double)
        /// The limiter was closed (the worker is stopping) first.
        case closed
    }

    /// Waits for a slot, unless the account is cooling down or the limiter is closed.
    func acquire(network: Platform, account: AccountID) async -> Permit {
        if closed { return .closed }
        if let wait = cooldownRemaining(account: account) { return .coolingDown(wait) }
        if waiters.isEmpty && fits(network, account) {
            take(network, account)
            return .granted
        }
        let granted = await withCheckedContinuation { continuation in
            waiters.append(Waiter(network: network, account: account, continuation: continuation))
            // Those ahead may be held by their network or account while this one fits now.
            admit()
        }
        return granted ? .granted : .closed
    }

    func release(network: Platform, account: AccountID) {
        inFlight -= 1
        byNetwork[network, default: 1] -= 1
        byAccount[account, default: 1] -= 1
        if byAccount[account] == 0 { byAccount[account] = nil }
        admit()
    }

    /// Sends waiting for a slot.
    var waitingCount: Int { waiters.count }

    /// Refuses every waiting and future `acquire`.
    func close() {
        closed = true
        let waiting = waiters
        waiters = []
        for waiter in waiting { waiter.continuation.resume(returning: false) }
    }

    /// Holds back sends to `account` for `seconds` (its network throttled it).
    func coolDown(account: AccountID, seconds: Double) {
        let until = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        if let current = cooldowns[account], current >= until { return }
        cooldowns[account] = until
    }

    /// Seconds left before `account` may be sent to again; nil when it may now.
    private func cooldownRemaining(account: AccountID) -> Double? {
        guard let until = cooldowns[account] else { return nil }
        let left = until - ContinuousClock.now
        if left <= .zero {
            cooldowns[account] = nil
            return nil
        }
        return Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
    }

    private func fits(_ network: Platform, _ account: AccountID) -> Bool {
        inFlight < total
            && byNetwork[network, default: 0] < (limits.perNetwork[network] ?? total)
            && byAccount[account, default: 0] < limits.perAccount
    }

    private func take(_ network: Platform, _ account: AccountID) {
        inFlight += 1
        byNetwork[network, default: 0] += 1
        byAccount[account, default: 0] += 1
    }

    /// Lets in the waiters that now fit, oldest first; one that does not fit does not hold
    /// back later ones bound for other networks or accounts.
    private func admit() {
        var index = 0
        while index < waiters.count && inFlight < total {
            let waiter = waiters[index]
            if fits(waiter.network, waiter.account) {
                take(waiter.network, waiter.account)
                waiters.remove(at: index)
                waiter.continuation.resume(returning: true)
            } else {
                index += 1
            }
        }
    }
}

/// Per-network and per-account caps on calls in flight, from `[worker]` in config.toml.
public struct RateLimits: Sendable, Equatable {
    /// Calls in flight to one network; a network not named is capped by `--concurrency` only.
    public var perNetwork: [Platform: Int]
    /// Calls in flight to one account (default 1: one post at a time per account).
    public var perAccount: Int

    public init(perNetwork: [Platform: Int] = [:], perAccount: Int = 1) {
        self.perNetwork = perNetwork
        self.perAccount = perAccount
    }
}
