import PostDeckCore

/// How a worker runs; the command line fills it from its options and `[worker]` in config.toml.
public struct WorkerOptions: Sendable {
    public var conninfo: String
    /// Calls in flight at once (`--concurrency`).
    public var concurrency = 8
    public var backoff = RetryBackoff()
    public var limits = RateLimits()
    /// Stop once nothing is due and nothing is being processed (`--exit-when-idle`).
    public var exitWhenIdle = false
    /// Seconds a claim outlives its worker's last heartbeat before another worker rescues it.
    public var leaseTimeout = 15.0
    /// Seconds between heartbeats while the worker holds jobs.
    public var heartbeatInterval = 5.0
    /// Seconds between looks at the queue while the LISTEN connection is down (notifications
    /// would be missed). While it is up, an idle worker sleeps until something is due.
    public var fallbackPoll = 30.0
    /// Jobs claimed per statement at most.
    public var claimBatch = 128
    /// Synthetic analytics for what the sandbox published; nil for other publishers.
    public var sandboxAnalytics: SandboxAnalyticsOptions?

    public init(conninfo: String) { self.conninfo = conninfo }
}

/// How often and for how long the sandbox's posts gather synthetic analytics.
public struct SandboxAnalyticsOptions: Sendable {
    public var seed: Int
    public var interval = 5.0
    public var windowMinutes = 60.0
    public var tauMinutes = 3.0

    public init(seed: Int) { self.seed = seed }
}

/// What a worker did, for its last log line and the bench.
public struct WorkerSummary: Sendable, Equatable {
    public var jobsClaimed = 0
    public var jobsCompleted = 0
    public var jobsFailed = 0
    public var jobsRetried = 0
    public var jobsRescued = 0
    public var published = 0
    public var refused = 0
    public var blocked = 0
}
