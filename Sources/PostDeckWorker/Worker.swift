import Foundation
import Logging
import PostDeckCore
import PostDeckStore
import Synchronization

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
    public var claimBatch = 64
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

/// The publishing worker: claims due `post_publish` jobs, sends each of their post's
/// networks through a `Publisher` within the rate limits, and records every step so that a
/// post that went out is never sent again (docs/WORKER.md has the protocol).
///
/// `run()` returns after `stop()` (SIGTERM: the calls in flight finish, jobs with sends not
/// yet begun are released for another worker) or, with `exitWhenIdle`, once the queue is idle.
public final class Worker: Sendable {
    public let id = UUID()
    private let options: WorkerOptions
    private let publisher: any Publisher
    private let log: Logger
    /// Claims, rescues, heartbeats and queue times.
    private let queue: WorkerDatabase
    /// "About to send", outcomes and the ends of attempts.
    private let sends: WorkerDatabase
    private let doorbell = Doorbell()
    private let analyticsBell = Doorbell()
    private let listener: WakeListener
    private let limiter: RateLimiter
    private let state = Mutex(State())

    private struct State {
        var stopping = false
        var jobsInFlight = 0
        var summary = WorkerSummary()
    }

    /// Jobs held at once: enough to keep every call slot busy while the next claim runs.
    private var maxJobsInFlight: Int { max(8, options.concurrency * 3) }

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
    @discardableResult
    public func run() async throws -> WorkerSummary {
        signal(SIGPIPE, SIG_IGN)
        try await queue.requireCurrentSchema()
        try await queue.run(WorkerRegistry.register(id: id, host: Self.hostName, pid: Int(getpid()),
                                                 publisher: publisher.name, version: WorkerVersion.current))
        listener.start()
        log.info("worker \(id.uuidString.prefix(8).lowercased()) started: publisher \(publisher.name), concurrency \(options.concurrency)")
        let heartbeat = Task { await heartbeatLoop() }
        let analytics = options.sandboxAnalytics.map { settings in Task { await analyticsLoop(settings) } }

        await withDiscardingTaskGroup { jobs in
            await claimLoop(into: &jobs)
            // Leaving the scope waits for every job still running.
        }
        heartbeat.cancel()
        analytics?.cancel()
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
                    nextRescue = ContinuousClock.now + .seconds(options.leaseTimeout)
                    for job in try await queue.rescue(leaseTimeout: options.leaseTimeout) { logRescue(job) }
                }
                let room = maxJobsInFlight - state.withLock { $0.jobsInFlight }
                if room > 0 {
                    let limit = min(options.claimBatch, room)
                    let claim = try await queue.run(PublishQueue.claim(worker: id, limit: limit))
                    for (job, reason) in claim.cancelled { log.info("job \(short(job)): \(reason)") }
                    state.withLock {
                        $0.jobsInFlight += claim.claimed.count
                        $0.summary.jobsClaimed += claim.claimed.count
                    }
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

    // MARK: One job

    private enum SendOutcome {
        case ended(PublishResponse)
        /// Not begun because the worker is stopping.
        case notStarted
        /// Not sent now (account throttled, or "about to send" could not be recorded): next attempt.
        case deferred(retryAfter: Double?, reason: String)
        /// Not ours to send (in flight elsewhere, or the job was taken over).
        case skipped
    }

    private func process(_ job: ClaimedJob) async {
        defer { jobEnded() }
        let now = Date()
        var sendable: [PublishTarget] = []
        var unsendable: [PublishQueue.Unsendable] = []
        for target in job.targets {
            let start = PublishQueue.SendStart(postPlatformID: target.postPlatformID, jobID: job.id, attempt: job.attempt)
            if let blocker = target.blocker(now: now) {
                unsendable.append(.init(start, error: blocker.message(username: target.username, platform: target.platform)))
            } else {
                sendable.append(target)
            }
        }
        var deferredError: String?
        var blockedError = unsendable.first?.error
        if !unsendable.isEmpty {
            do {
                let failed = try await sends.run(PublishQueue.failUnsendable(worker: id, publisher: publisher.name, unsendable))
                state.withLock { $0.summary.blocked += failed }
                for item in unsendable { log.warning("post \(short(job.postID)): \(item.error)") }
            } catch {
                deferredError = "not sent: could not record a refusal (\(error))"
                blockedError = nil
            }
        }
        let outcomes = await withTaskGroup(of: SendOutcome.self) { group in
            for target in sendable { group.addTask { await self.send(target, of: job) } }
            var outcomes: [SendOutcome] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        if outcomes.contains(where: { if case .notStarted = $0 { true } else { false } }) {
            await release(job)
            return
        }
        var retryAfter: Double?
        var lastError = deferredError ?? blockedError
        var retrying = deferredError != nil
        for outcome in outcomes {
            switch outcome {
            case .ended(.retry(let error, let after, _)):
                retrying = true
                lastError = error
                if let after { retryAfter = max(retryAfter ?? 0, after) }
            case .ended(.refused(let error, _)):
                lastError = lastError ?? error
            case .deferred(let after, let reason):
                retrying = true
                lastError = lastError ?? reason
                if let after { retryAfter = max(retryAfter ?? 0, after) }
            case .ended(.published), .notStarted, .skipped:
                break
            }
        }
        let delay = retrying ? options.backoff.delay(afterAttempt: job.attempt, retryAfter: retryAfter, jitter: .random(in: 0..<1)) : nil
        await finish(job, JobAttemptEnd(jobID: job.id, retryDelay: delay, error: lastError))
    }

    private func send(_ target: PublishTarget, of job: ClaimedJob) async -> SendOutcome {
        let start = PublishQueue.SendStart(postPlatformID: target.postPlatformID, jobID: job.id, attempt: job.attempt)
        if let wait = await limiter.cooldownRemaining(account: target.accountID) {
            return .deferred(retryAfter: wait, reason: "not sent: \(describe(target)) is throttled for \(Int(wait.rounded(.up))) s more")
        }
        guard await limiter.acquire(network: target.platform, account: target.accountID) else { return .notStarted }
        let delivery: Int?
        do {
            delivery = try await sends.beginSend(start)
        } catch {
            await limiter.release(network: target.platform, account: target.accountID)
            return .deferred(retryAfter: nil, reason: "not sent: could not record the send (\(error))")
        }
        guard let delivery else {
            await limiter.release(network: target.platform, account: target.accountID)
            log.warning("post \(short(job.postID)) on \(describe(target)): already being sent elsewhere; not sent")
            return .skipped
        }
        let began = ContinuousClock.now
        let response = await publisher.publish(PublishDocument(job: job, target: target, idempotencyKey: start.idempotencyKey))
        let took = ContinuousClock.now - began
        await limiter.release(network: target.platform, account: target.accountID)
        if case .retry(_, let after?, 429) = response { await limiter.coolDown(account: target.accountID, seconds: after) }
        let result: SendResult
        switch response {
        case .published(let platformPostID, let permalink, let code):
            result = SendResult(deliveryID: delivery, postPlatformID: target.postPlatformID, jobID: job.id, outcome: .published,
                                code: code, platformPostID: platformPostID, permalink: permalink, error: nil)
            state.withLock { $0.summary.published += 1 }
            if options.sandboxAnalytics != nil { analyticsBell.ring() }
            log.info("post \(short(job.postID)) published on \(describe(target)) in \(Self.milliseconds(took)) ms\(platformPostID.map { " (\($0))" } ?? "")")
        case .retry(let error, _, let code):
            result = SendResult(deliveryID: delivery, postPlatformID: target.postPlatformID, jobID: job.id, outcome: .retry,
                                code: code, platformPostID: nil, permalink: nil, error: error)
            log.warning("post \(short(job.postID)) on \(describe(target)): \(error) (attempt \(job.attempt) of \(job.maxAttempts))")
        case .refused(let error, let code):
            result = SendResult(deliveryID: delivery, postPlatformID: target.postPlatformID, jobID: job.id, outcome: .failed,
                                code: code, platformPostID: nil, permalink: nil, error: error)
            state.withLock { $0.summary.refused += 1 }
            log.warning("post \(short(job.postID)) refused by \(describe(target)): \(error)")
        }
        await record(result)
        return .ended(response)
    }

    /// Stores a send's outcome, trying again while the database is away. If the worker stops
    /// before it is stored, the send stays "in flight" in the database and is later marked
    /// "outcome unknown": the honest answer, since only this process knew it.
    private func record(_ result: SendResult) async {
        var failures = 0
        while true {
            do {
                try await sends.endSend(result)
                return
            } catch {
                failures += 1
                if isStopping && failures > 3 {
                    log.error("could not record the outcome of post_platform \(result.postPlatformID) (\(result.outcome.rawValue)): \(error); it will read \"outcome unknown\"")
                    return
                }
                if failures == 1 { log.error("could not record a send's outcome: \(error); trying again") }
                try? await Task.sleep(for: .milliseconds(min(10_000, 250 << min(failures, 6))))
            }
        }
    }

    private func finish(_ job: ClaimedJob, _ end: JobAttemptEnd) async {
        var failures = 0
        while true {
            do {
                guard let settled = try await sends.finish(end) else {
                    log.warning("job \(short(job.id)) was taken over by another worker before it ended")
                    return
                }
                logSettled(settled, attempt: job.attempt, maxAttempts: job.maxAttempts, error: end.error)
                return
            } catch {
                failures += 1
                if isStopping && failures > 3 {
                    log.error("could not end job \(short(job.id)): \(error); another worker will rescue it")
                    return
                }
                try? await Task.sleep(for: .milliseconds(min(10_000, 250 << min(failures, 6))))
            }
        }
    }

    private func release(_ job: ClaimedJob) async {
        do {
            let released = try await sends.run(PublishQueue.release(worker: id, [job.id]))
            if !released.isEmpty { log.info("job \(short(job.id)) released for another worker (stopping)") }
        } catch {
            log.error("could not release job \(short(job.id)): \(error); another worker will rescue it")
        }
    }

    private func jobEnded() {
        let lowWater = state.withLock { state -> Bool in
            state.jobsInFlight -= 1
            return state.jobsInFlight <= maxJobsInFlight / 2
        }
        if lowWater { doorbell.ring() }
    }

    // MARK: Background loops

    /// Keeps the claims alive while the worker holds jobs (an idle worker writes nothing).
    private func heartbeatLoop() async {
        while !Task.isCancelled {
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

    private func logSettled(_ settled: SettledJob, attempt: Int, maxAttempts: Int, error: String?) {
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

    private func logRescue(_ settled: SettledJob) {
        state.withLock { $0.summary.jobsRescued += 1 }
        log.warning("rescued job \(short(settled.jobID)), abandoned mid-attempt by a worker that stopped: job \(settled.jobStatus.rawValue), post \(settled.postStatus?.rawValue ?? "gone")")
    }

    private func describe(_ target: PublishTarget) -> String {
        "\(target.platform.displayName) \(target.username.map { $0.hasPrefix("@") ? $0 : "@" + $0 } ?? target.accountID.description)"
    }

    private func short<Tag>(_ id: Identifier<Tag>) -> String { String(id.description.prefix(8)) }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func milliseconds(_ duration: Duration) -> Int { Int(seconds(duration) * 1000) }

    static var hostName: String { ProcessInfo.processInfo.hostName }
}

/// The worker's version, sent as its User-Agent and recorded in `postdeck_workers`.
public enum WorkerVersion {
    public static let current = "0.1.0"
}
