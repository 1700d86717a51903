import Foundation
import PostDeckCore
import PostDeckStore

/// One attempt of one publish job: refuse what cannot be sent, send the rest within the rate
/// limits, record every outcome, then end the attempt (retry later, settle, or release).
extension Worker {
    enum SendOutcome {
        case ended(PublishResponse)
        /// Not begun because the worker is stopping.
        case notStarted
        /// Not sent now (account throttled, or "about to send" could not be recorded): next attempt.
        case deferred(retryAfter: Double?, reason: String)
        /// Not ours to send (in flight elsewhere, or the job was taken over).
        case skipped
    }

    func process(_ job: ClaimedJob) async {
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

    func send(_ target: PublishTarget, of job: ClaimedJob) async -> SendOutcome {
        let start = PublishQueue.SendStart(postPlatformID: target.postPlatformID, jobID: job.id, attempt: job.attempt)
        switch await limiter.acquire(network: target.platform, account: target.accountID) {
        case .granted:
            // A stop that came while this send waited for its slot: it is not begun.
            if isStopping {
                await limiter.release(network: target.platform, account: target.accountID)
                return .notStarted
            }
        case .coolingDown(let wait):
            return .deferred(retryAfter: wait, reason: "not sent: \(describe(target)) is throttled for \(Int(wait.rounded(.up))) s more")
        case .closed:
            return .notStarted
        }
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
    func record(_ result: SendResult) async {
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

    func finish(_ job: ClaimedJob, _ end: JobAttemptEnd) async {
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

    func release(_ job: ClaimedJob) async {
        do {
            let released = try await sends.run(PublishQueue.release(worker: id, [job.id]))
            if !released.isEmpty { log.info("job \(short(job.id)) released for another worker (stopping)") }
        } catch {
            log.error("could not release job \(short(job.id)): \(error); another worker will rescue it")
        }
    }

    func jobEnded() {
        let lowWater = state.withLock { state -> Bool in
            state.jobsInFlight -= 1
            return state.jobsInFlight <= maxJobsInFlight / 2
        }
        if lowWater { doorbell.ring() }
    }
}
