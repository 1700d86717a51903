import Foundation
import Logging
import PostDeckCore
import PostDeckStore
import Synchronization

/// The publishing worker: claims due `post_publish` jobs, sends each of their post's
/// networks through a `Publisher` within the rate limits, and records every step so that a
/// post that went out is never sent again (docs/WORKER.md has the protocol).
///
/// `run()` returns after `stop()` (SIGTERM: the calls in flight finish, jobs with sends not
/// yet begun are released for another worker) or, with `exitWhenIdle`, once the queue is idle.
public final class Worker: Sendable {
    public let id = UUID()
    let options: WorkerOptions
    let publisher: any Publisher
    let log: Logger
    /// Claims, rescues, heartbeats and queue times.
    let queue: WorkerDatabase
    /// "About to send", outcomes and the ends of attempts.
    let sends: WorkerDatabase
    let doorbell = Doorbell()
    let analyticsBell = Doorbell()
    /// Rung when the worker goes from holding no job to holding some: heartbeats resume.
    let heartbeatBell = Doorbell()
    let listener: WakeListener
    let limiter: RateLimiter
    /// The threads the worker's tasks run on.
    let executor = WorkerExecutor(threads: 2)
    let state = Mutex(State())

    struct State {
        var stopping = false
        var jobsInFlight = 0
        var summary = WorkerSummary()
    }

    /// Jobs held at once: enough to keep every call slot busy while the next claim runs, and
    /// to claim in batches big enough that a claim's fixed cost (planning, triggers) is shared.
    var maxJobsInFlight: Int { max(8, options.concurrency * 4) }

    public init(options: WorkerOptions, publisher: any Publisher, log: Logger) {
        self.options = options
        self.publisher = publisher
        self.log = log
        let ownBackends = OwnBackends()
        queue = WorkerDatabase(conninfo: options.conninfo, worker: id, publisher: publisher.name, name: "queue", ownBackends: ownBackends)
        sends = WorkerDatabase(conninfo: options.conninfo, worker: id, publisher: publisher.name, name: "sends", ownBackends: ownBackends)
        listener = WakeListener(conninfo: options.conninfo, doorbell: doorbell, ownBackends: ownBackends, log: log)
        limiter = RateLimiter(total: options.concurrency, limits: options.limits)
    }

    /// Stops gracefully: no new claims or sends; calls in flight finish and are recorded;
    /// jobs with sends not yet begun are released. Safe from any thread, more than once.
    public func stop() {
        let first = state.withLock { state -> Bool in
            defer { state.stopping = true }
            return !state.stopping
        }
        guard first else { return }
        doorbell.ring()
        analyticsBell.ring()
        Task { await limiter.close() }
    }

    public var isStopping: Bool { state.withLock { $0.stopping } }
    public var summary: WorkerSummary { state.withLock { $0.summary } }

    /// Runs until stopped (or idle, with `exitWhenIdle`). Throws only when it cannot start
    /// (no database, schema not migrated).
    /// Runs the worker in a task of its own, started on the worker's own threads: it starts
    /// even when every thread of the caller's cooperative pool is busy (a test runner's, say).
    public func start() -> Task<WorkerSummary, any Error> {
        Task(executorPreference: executor) { try await self.run() }
    }

    @discardableResult
    public func run() async throws -> WorkerSummary {
        defer { executor.shutdown() }
        return try await withTaskExecutorPreference(executor) { try await runOnOwnThreads() }
    }

    private func runOnOwnThreads() async throws -> WorkerSummary {
        signal(SIGPIPE, SIG_IGN)
        try await queue.requireCurrentSchema()
        try await queue.run(WorkerRegistry.register(id: id, host: Self.hostName, pid: Int(getpid()),
                                                 publisher: publisher.name, version: WorkerVersion.current))
        listener.start()
        log.info("worker \(id.uuidString.prefix(8).lowercased()) started: publisher \(publisher.name), concurrency \(options.concurrency)")
        let heartbeat = Task(executorPreference: executor) { await self.heartbeatLoop() }
        let analytics = options.sandboxAnalytics.map { settings in Task(executorPreference: executor) { await self.analyticsLoop(settings) } }

        await withDiscardingTaskGroup { jobs in
            await claimLoop(into: &jobs)
            // Leaving the scope waits for every job still running.
        }
        heartbeat.cancel()
        heartbeatBell.ring()
        analytics?.cancel()
        analyticsBell.ring()
        await heartbeat.value
        await analytics?.value
        listener.stop()
        await limiter.close()
        do {
            try await queue.run(WorkerRegistry.stopped(id: id))
        } catch {
            log.warning("could not mark the worker stopped: \(error)")
        }
        await queue.close()
        await sends.close()
        let summary = self.summary
        log.info("worker stopped: \(summary.jobsClaimed) jobs claimed, \(summary.published) sends published, \(summary.refused) refused, \(summary.blocked) not sent, \(summary.jobsRetried) retries scheduled")
        return summary
    }

    // MARK: Claiming

    private func claimLoop(into jobs: inout DiscardingTaskGroup) async {
        var failures = 0
        var nextRescue = ContinuousClock.now
        while !isStopping {
            do {
                if ContinuousClock.now >= nextRescue {
                    // The queue times say when a claim could next expire; until then, no look.
                    nextRescue = ContinuousClock.now + .seconds(600)
                    for job in try await queue.rescue(leaseTimeout: options.leaseTimeout) { logRescue(job) }
                }
                let room = maxJobsInFlight - state.withLock { $0.jobsInFlight }
                if room > 0 {
                    let limit = min(options.claimBatch, room)
                    let claim = try await queue.run(PublishQueue.claim(worker: id, limit: limit))
                    for (job, reason) in claim.cancelled { log.info("job \(short(job)): \(reason)") }
                    let wasIdle = state.withLock { state -> Bool in
                        defer {
                            state.jobsInFlight += claim.claimed.count
                            state.summary.jobsClaimed += claim.claimed.count
                        }
                        return state.jobsInFlight == 0
                    }
                    if wasIdle && !claim.claimed.isEmpty { heartbeatBell.ring() }
                    for job in claim.claimed { jobs.addTask { await self.process(job) } }
                    failures = 0
                    if claim.claimed.count + claim.cancelled.count == limit && !isStopping { continue }
                }
                let times = try await queue.run(PublishQueue.times(worker: id, leaseTimeout: options.leaseTimeout))
                failures = 0
                if let rescueIn = times.nextRescueIn {
                    nextRescue = min(nextRescue, ContinuousClock.now + .milliseconds(Int(max(0, rescueIn) * 1000) + 100))
                }
                let inFlight = state.withLock { $0.jobsInFlight }
                if options.exitWhenIdle && inFlight == 0 && times.processing == 0 && (times.nextDueIn ?? 1) > 0 { break }
                // Listening, nothing can change unnoticed: sleep until something is due (a
                // sanity cap of 10 minutes). Not listening, look every fallbackPoll seconds.
                var sleep = listener.isListening ? 600 : options.fallbackPoll
                if inFlight < maxJobsInFlight, let dueIn = times.nextDueIn { sleep = min(sleep, max(0, dueIn)) }
                sleep = min(sleep, max(0, Self.seconds(nextRescue - ContinuousClock.now)))
                if options.exitWhenIdle && inFlight == 0 && times.processing > 0 { sleep = min(sleep, 1) }
                if sleep > 0 { await doorbell.wait(timeout: .milliseconds(Int(sleep * 1000))) }
            } catch {
                failures += 1
                let delay = min(30.0, 0.5 * Double(1 << min(failures, 6)))
                if failures == 1 || failures % 10 == 0 {
                    log.error("database: \(error); trying again in \(Int(delay.rounded(.up))) s")
                }
                await doorbell.wait(timeout: .milliseconds(Int(delay * 1000)))
            }
        }
        await limiter.close()
    }

    // MARK: Background loops

    /// Keeps the claims alive while the worker holds jobs (an idle worker writes nothing).
    private func heartbeatLoop() async {
        while !Task.isCancelled && !isStopping {
            // Holding nothing, there is nothing to keep alive: sleep until a claim.
            if state.withLock({ $0.jobsInFlight }) == 0 {
                await heartbeatBell.wait(timeout: nil)
                continue
            }
            try? await Task.sleep(for: .milliseconds(Int(options.heartbeatInterval * 1000)))
            if Task.isCancelled { return }
            guard state.withLock({ $0.jobsInFlight }) > 0 else { continue }
            do {
                if try await queue.run(WorkerRegistry.heartbeat(id: id)) == false {
                    log.error("this worker was marked stopped in the database; stopping")
                    stop()
                }
            } catch {
                log.warning("heartbeat failed: \(error)")
            }
        }
    }

    private func analyticsLoop(_ settings: SandboxAnalyticsOptions) async {
        var fresh = 1
        while !isStopping && !Task.isCancelled {
            do {
                fresh = try await queue.run(SandboxAnalytics.record(seed: settings.seed, windowMinutes: settings.windowMinutes,
                                                                  tauMinutes: settings.tauMinutes))
            } catch {
                log.warning("sandbox analytics: \(error)")
            }
            await analyticsBell.wait(timeout: fresh > 0 ? .milliseconds(Int(settings.interval * 1000)) : nil)
        }
    }

    // MARK: Logging

    func logSettled(_ settled: SettledJob, attempt: Int, maxAttempts: Int, error: String?) {
        let post = settled.postID.map(short) ?? "?"
        switch settled.jobStatus {
        case .completed:
            state.withLock { $0.summary.jobsCompleted += 1 }
            log.info("post \(post): published")
        case .pending:
            state.withLock { $0.summary.jobsRetried += 1 }
            let next = settled.nextAttemptAt.map { " at \(PublishDocument.iso8601($0))" } ?? ""
            log.info("post \(post): attempt \(attempt) of \(maxAttempts) ended with \(error ?? "a retryable error"); next attempt\(next)")
        default:
            state.withLock { $0.summary.jobsFailed += 1 }
            log.warning("post \(post): \(settled.postStatus?.rawValue ?? "failed")\(error.map { " (\($0))" } ?? "")")
        }
    }

    func logRescue(_ settled: SettledJob) {
        state.withLock { $0.summary.jobsRescued += 1 }
        log.warning("rescued job \(short(settled.jobID)), abandoned mid-attempt by a worker that stopped: job \(settled.jobStatus.rawValue), post \(settled.postStatus?.rawValue ?? "gone")")
    }

    func describe(_ target: PublishTarget) -> String {
        "\(target.platform.displayName) \(target.username.map { $0.hasPrefix("@") ? $0 : "@" + $0 } ?? target.accountID.description)"
    }

    func short<Tag>(_ id: Identifier<Tag>) -> String { String(id.description.prefix(8)) }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func milliseconds(_ duration: Duration) -> Int { Int(seconds(duration) * 1000) }

    static var hostName: String { ProcessInfo.processInfo.hostName }
}

/// The worker's version, sent as its User-Agent and recorded in `postdeck_workers`.
public enum WorkerVersion {
    public static let current = "0.1.0"
}
