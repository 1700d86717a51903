/// When a publish job that hit a retryable error (a network error, a timeout, HTTP 429 or
/// 5xx) is tried again: exponential backoff from a base delay, with jitter so that workers
/// that failed together do not retry together, never sooner than the network's
/// `Retry-After`, and never later than `cap` unless the network asks for it.
public struct RetryBackoff: Sendable, Equatable {
    /// The delay after the first attempt, in seconds (`--backoff`, default 30).
    public let base: Double
    /// The longest delay the backoff itself reaches, in seconds.
    public let cap: Double

    public init(base: Double = 30, cap: Double = 3600) {
        self.base = base
        self.cap = cap
    }

    /// Seconds to wait after attempt number `attempt` (1 for the first) failed.
    /// - Parameters:
    ///   - retryAfter: the longest `Retry-After` the network sent during the attempt, in seconds.
    ///   - jitter: a number in 0..<1; the delay is spread over 75 %–125 % of its nominal value.
    public func delay(afterAttempt attempt: Int, retryAfter: Double?, jitter: Double) -> Double {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        let nominal = min(cap, base * pow2(exponent))
        let spread = nominal * (0.75 + 0.5 * min(max(jitter, 0), 1))
        return max(spread, retryAfter ?? 0)
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }
}
