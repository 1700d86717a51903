import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// The queue's statements on a real database, one step at a time, as a worker makes them.
@Suite struct PublishQueueTests {
    typealias S = PublishScenario

    private func database() throws -> Connection {
        let db = try TestDatabase.make().connect()
        try S.install(on: db)
        return db
    }

    private func register(_ db: Connection) throws -> UUID {
        let worker = UUID()
        try db.run(WorkerRegistry.register(id: worker, host: "test", pid: 1, publisher: "test", version: "0"))
        return worker
    }

    private func start(_ job: ClaimedJob, _ target: PublishTarget) -> PublishQueue.SendStart {
        .init(postPlatformID: target.postPlatformID, jobID: job.id, attempt: job.attempt)
    }

    @Test func aClaimTakesOnlyDueJobsAndMovesTheirPostsToPublishingWithEachNetworksText() throws {
        let db = try database()
        let worker = try register(db)
        let due = try S.schedule(on: db, accounts: [S.instagram, S.linkedin], content: "Base text",
                                 variations: [.linkedin: "LinkedIn text"], firstComment: "#first")
        let later = try S.schedule(on: db, accounts: [S.instagram], dueIn: 3600)
        let claim = try db.run(PublishQueue.claim(worker: worker, limit: 10))
        #expect(claim.claimed.map(\.postID) == [due])
        #expect(claim.cancelled.isEmpty)
        let job = try #require(claim.claimed.first)
        #expect(job.attempt == 1 && job.maxAttempts == 3 && job.clientName == "Acme")
        #expect(job.settings.firstComment == "#first" && job.settings.hashtags == ["#acme"])
        #expect(Dictionary(uniqueKeysWithValues: job.targets.map { ($0.platform, $0.text) }) == [.instagram: "Base text", .linkedin: "LinkedIn text"])
        #expect(try S.state(of: due, on: db).status == "publishing")
        #expect(try S.state(of: due, on: db).jobStatus == "processing")
        #expect(try S.state(of: later, on: db).status == "scheduled")
        #expect(try db.run(PublishQueue.claim(worker: worker, limit: 10)).claimed.isEmpty, "a claimed job is not claimed again")
    }

    @Test func aJobWhosePostIsNoLongerScheduledIsCancelledWithoutSendingAndSaysWhy() throws {
        let db = try database()
        let worker = try register(db)
        let draft = try S.schedule(on: db, accounts: [S.instagram])
        try db.execute("UPDATE posts SET status = 'draft' WHERE id = $1::uuid", [draft])
        let deleted = try S.schedule(on: db, accounts: [S.instagram])
        try db.execute("DELETE FROM posts WHERE id = $1::uuid", [deleted])
        let claim = try db.run(PublishQueue.claim(worker: worker, limit: 10))
        #expect(claim.claimed.isEmpty)
        #expect(Set(claim.cancelled.map(\.reason)) == ["cancelled without sending: the post is draft, not scheduled",
                                                        "cancelled without sending: the post no longer exists"])
        #expect(try S.state(of: draft, on: db).jobStatus == "cancelled")
        #expect(try S.state(of: draft, on: db).status == "draft")
    }

    @Test func aSendThatWasAcceptedIsPublishedAndSettlesThePostAndTheJob() throws {
        let db = try database()
        let worker = try register(db)
        let post = try S.schedule(on: db, accounts: [S.instagram])
        let job = try #require(try db.run(PublishQueue.claim(worker: worker, limit: 1)).claimed.first)
        let target = try #require(job.targets.first)
        let deliveries = try db.run(PublishQueue.beginSends(worker: worker, publisher: "test", [start(job, target)]))
        let delivery = try #require(deliveries[target.postPlatformID])
        #expect(try S.state(of: post, on: db).platforms[S.instagram]?.status == "processing")
        #expect(try db.run(PublishQueue.beginSends(worker: worker, publisher: "test", [start(job, target)])).isEmpty,
                "a post_platform in flight cannot be begun again")
        _ = try db.run(PublishQueue.endSends(worker: worker, publisher: "test", [SendResult(
            deliveryID: delivery, postPlatformID: target.postPlatformID, jobID: job.id, outcome: .published, code: 200,
            platformPostID: "ig-123", permalink: "https://example.com/p/123", error: nil)]))
        let settled = try db.run(PublishQueue.finish(worker: worker, [JobAttemptEnd(jobID: job.id, retryDelay: nil, error: nil)]))
        #expect(settled.map(\.jobStatus) == [.completed] && settled.map(\.postStatus) == [.published])
        let state = try S.state(of: post, on: db)
        #expect(state.status == "published" && state.jobStatus == "completed" && state.jobCompletedAt && state.attempts == 1)
        #expect(state.platforms[S.instagram] == .init(status: "published", platformPostID: "ig-123", error: nil, hasPublishedAt: true))
        let data: String? = try db.execute("SELECT platform_data::text AS d FROM post_platforms WHERE post_id = $1::uuid", [post]).first?.decode("d")
        #expect(data?.contains("\"publisher\": \"test\"") == true && data?.contains("https://example.com/p/123") == true)
    }

    @Test func aRetryableErrorPutsTheJobBackForLaterUntilItsAttemptsRunOut() throws {
        let db = try database()
        let worker = try register(db)
        let post = try S.schedule(on: db, accounts: [S.instagram], maxAttempts: 2)
        for attempt in 1...2 {
            let job = try #require(try db.run(PublishQueue.claim(worker: worker, limit: 1)).claimed.first, "attempt \(attempt)")
            #expect(job.attempt == attempt)
            let target = try #require(job.targets.first)
            let delivery = try #require(try db.run(PublishQueue.beginSends(worker: worker, publisher: "test", [start(job, target)]))[target.postPlatformID])
            _ = try db.run(PublishQueue.endSends(worker: worker, publisher: "test", [SendResult(
                deliveryID: delivery, postPlatformID: target.postPlatformID, jobID: job.id, outcome: .retry, code: 503,
                platformPostID: nil, permalink: nil, error: "HTTP 503: busy")]))
            // A retry due at once, so the next claim takes it.
            let settled = try db.run(PublishQueue.finish(worker: worker, [JobAttemptEnd(jobID: job.id, retryDelay: 0, error: "HTTP 503: busy")]))
            if attempt == 1 {
                #expect(settled.first?.jobStatus == .pending && settled.first?.postStatus == .publishing)
                #expect(try S.state(of: post, on: db).platforms[S.instagram]?.status == "pending")
            } else {
                #expect(settled.first?.jobStatus == .failed && settled.first?.postStatus == .failed)
            }
        }
        let state = try S.state(of: post, on: db)
        #expect(state.attempts == 2 && state.jobError == "HTTP 503: busy")
        #expect(state.platforms[S.instagram]?.error == "HTTP 503: busy (gave up after 2 attempts)")
    }

    @Test func aDeadWorkersSendInFlightBecomesOutcomeUnknownAndItsUntriedNetworksGoToTheNextAttempt() throws {
        let db = try database()
        let dead = try register(db)
        let rescuer = try register(db)
        let post = try S.schedule(on: db, accounts: [S.instagram, S.linkedin])
        let job = try #require(try db.run(PublishQueue.claim(worker: dead, limit: 1)).claimed.first)
        let instagram = try #require(job.targets.first { $0.platform == .instagram })
        let delivery = try #require(try db.run(PublishQueue.beginSends(worker: dead, publisher: "test", [start(job, instagram)]))[instagram.postPlatformID])
        #expect(try WorkerRegistry.rescue(on: db, leaseTimeout: 15).isEmpty, "a live worker's jobs are not rescued")
        try db.execute("UPDATE postdeck_workers SET heartbeat_at = now() - interval '1 minute' WHERE id = $1::uuid", [dead])
        #expect(try WorkerRegistry.rescue(on: db, leaseTimeout: 15).isEmpty, "a claim made since the last heartbeat still counts")
        try db.execute("UPDATE postdeck_job_claims SET claimed_at = now() - interval '1 minute' WHERE worker_id = $1::uuid", [dead])
        let rescued = try WorkerRegistry.rescue(on: db, leaseTimeout: 15)
        #expect(rescued.map(\.jobStatus) == [.pending], "linkedin was never tried: the job runs again")
        var state = try S.state(of: post, on: db)
        #expect(state.platforms[S.instagram]?.status == "failed")
        #expect(state.platforms[S.instagram]?.error == PublishSettlement.outcomeUnknown)
        #expect(state.platforms[S.linkedin]?.status == "pending" && state.status == "publishing")
        #expect(state.jobError?.hasPrefix("the worker on test (pid 1) stopped during attempt 1") == true)

        let again = try #require(try db.run(PublishQueue.claim(worker: rescuer, limit: 1)).claimed.first)
        #expect(again.attempt == 2 && again.targets.map(\.platform) == [.linkedin], "the unknown send is never sent again")

        // The dead worker was only paused: its answer comes and corrects the record.
        _ = try db.run(PublishQueue.endSends(worker: dead, publisher: "test", [SendResult(
            deliveryID: delivery, postPlatformID: instagram.postPlatformID, jobID: job.id, outcome: .published, code: 200,
            platformPostID: "ig-late", permalink: nil, error: nil)]))
        state = try S.state(of: post, on: db)
        #expect(state.platforms[S.instagram]?.status == "published" && state.platforms[S.instagram]?.platformPostID == "ig-late")
    }

    @Test func releasingAJobThatSentNothingGivesThePostBackToScheduledAndDoesNotCountTheAttempt() throws {
        let db = try database()
        let worker = try register(db)
        let post = try S.schedule(on: db, accounts: [S.instagram])
        let job = try #require(try db.run(PublishQueue.claim(worker: worker, limit: 1)).claimed.first)
        #expect(try db.run(PublishQueue.release(worker: worker, [job.id])) == [job.id])
        let state = try S.state(of: post, on: db)
        #expect(state.status == "scheduled" && state.jobStatus == "pending" && state.attempts == 0)
        #expect(try db.run(PublishQueue.claim(worker: worker, limit: 1)).claimed.map(\.id) == [job.id])
    }

    @Test func unsendableTargetsFailAtOnceWithTheReasonAndAreLogged() throws {
        let db = try database()
        let worker = try register(db)
        let post = try S.schedule(on: db, accounts: [S.facebook, S.tiktok, S.inactive])
        let job = try #require(try db.run(PublishQueue.claim(worker: worker, limit: 1)).claimed.first)
        let now = Date()
        let items = job.targets.compactMap { target in
            target.blocker(now: now).map {
                PublishQueue.Unsendable(start(job, target), error: $0.message(username: target.username, platform: target.platform))
            }
        }
        #expect(items.count == 3)
        #expect(try db.run(PublishQueue.failUnsendable(worker: worker, publisher: "test", items)) == 3)
        let settled = try db.run(PublishQueue.finish(worker: worker, [JobAttemptEnd(jobID: job.id, retryDelay: nil, error: nil)]))
        #expect(settled.first?.postStatus == .failed && settled.first?.jobStatus == .failed)
        let state = try S.state(of: post, on: db)
        #expect(state.platforms[S.tiktok]?.error == "not sent: @acme_tt on TikTok has no access token; reconnect the account")
        #expect(state.platforms[S.facebook]?.error?.hasPrefix("not sent: the access token of @AcmeFB on Facebook expired ") == true)
        #expect(state.platforms[S.inactive]?.error == "not sent: @acme-old on LinkedIn is inactive; activate it to publish")
        let blocked: Int = try db.execute("SELECT count(*) AS n FROM postdeck_deliveries WHERE outcome = 'blocked'").first!.decode("n")
        #expect(blocked == 3)
    }

    @Test func theHistoryShowsAttemptsAndLastErrorsAndAFailedNetworkCanBeRetried() throws {
        let db = try database()
        let worker = try register(db)
        let post = try S.schedule(on: db, accounts: [S.instagram, S.linkedin])
        let job = try #require(try db.run(PublishQueue.claim(worker: worker, limit: 1)).claimed.first)
        let starts = job.targets.map { start(job, $0) }
        let deliveries = try db.run(PublishQueue.beginSends(worker: worker, publisher: "test", starts))
        let results = job.targets.map { target in
            SendResult(deliveryID: deliveries[target.postPlatformID]!, postPlatformID: target.postPlatformID, jobID: job.id,
                       outcome: target.platform == .instagram ? .published : .failed, code: target.platform == .instagram ? 200 : 422,
                       platformPostID: target.platform == .instagram ? "ig-1" : nil, permalink: nil,
                       error: target.platform == .instagram ? nil : "HTTP 422: text too long")
        }
        _ = try db.run(PublishQueue.endSends(worker: worker, publisher: "test", results))
        _ = try db.run(PublishQueue.finish(worker: worker, [JobAttemptEnd(jobID: job.id, retryDelay: nil, error: "HTTP 422: text too long")]))

        let history = try db.run(PublishHistoryQueries.attempts(of: post))
        #expect(history.job?.status == .failed && history.job?.attempts == 1 && history.job?.error == "HTTP 422: text too long")
        let linkedin = try #require(history.platforms.first { $0.platform == .linkedin })
        #expect(linkedin.status == .failed && linkedin.sends == 1 && linkedin.lastOutcome == .failed && linkedin.lastError == "HTTP 422: text too long")
        #expect(history.platforms.first { $0.platform == .instagram }?.lastOutcome == .published)

        func stamp() throws -> Date { try #require(try db.run(PostWrites.snapshot(of: post))).updatedAt }
        let shown = try stamp()
        #expect(try db.run(PublishHistoryQueries.retry(post: post, account: S.instagram, stamp: shown)) == .failure(.notFailed(.published)))
        guard case .success(let retryJob) = try db.run(PublishHistoryQueries.retry(post: post, account: S.linkedin, stamp: shown)) else {
            Issue.record("the retry was refused")
            return
        }
        #expect(try db.run(PublishHistoryQueries.retry(post: post, account: S.linkedin, stamp: shown)) == .failure(.changedElsewhere))
        #expect(try db.run(PublishHistoryQueries.retry(post: post, account: S.linkedin, stamp: stamp())) == .failure(.notFailed(.pending)))
        let state = try S.state(of: post, on: db)
        #expect(state.status == "publishing" && state.platforms[S.linkedin]?.status == "pending")
        let again = try #require(try db.run(PublishQueue.claim(worker: worker, limit: 1)).claimed.first)
        #expect(again.id == retryJob && again.targets.map(\.platform) == [.linkedin], "instagram, already out, is not sent again")
    }

    @Test func theQueueTimesSayWhenTheNextJobIsDue() throws {
        let db = try database()
        let worker = try register(db)
        #expect(try db.run(PublishQueue.times(worker: worker, leaseTimeout: 15)) == QueueTimes(nextDueIn: nil, nextRescueIn: nil, processing: 0))
        try S.schedule(on: db, accounts: [S.instagram], dueIn: 600)
        let times = try db.run(PublishQueue.times(worker: worker, leaseTimeout: 15))
        #expect((590...600).contains(times.nextDueIn ?? 0))
    }

    @Test func sandboxAnalyticsGrowAndNeverGoDown() throws {
        let db = try database()
        let post = try S.schedule(on: db, accounts: [S.instagram])
        try db.execute("""
            UPDATE post_platforms SET status = 'published', published_at = now() - interval '2 minutes',
                   platform_data = '{"publisher": "sandbox"}' WHERE post_id = $1::uuid
            """, [post])
        #expect(try db.run(SandboxAnalytics.record(seed: 7, windowMinutes: 60, tauMinutes: 3)) == 1)
        let first = try db.execute("SELECT metric_name, metric_value FROM post_analytics ORDER BY metric_name").rows
            .map { (try $0.decode("metric_name", as: String.self), try $0.decode("metric_value", as: Double.self)) }
        #expect(first.map(\.0) == ["comments", "likes", "shares", "views"])
        #expect(first.contains { $0.0 == "views" && $0.1 > 0 })
        try db.execute("UPDATE post_platforms SET published_at = published_at - interval '5 minutes' WHERE post_id = $1::uuid", [post])
        _ = try db.run(SandboxAnalytics.record(seed: 7, windowMinutes: 60, tauMinutes: 3))
        let views = try db.execute("SELECT metric_value FROM post_analytics WHERE metric_name = 'views' ORDER BY recorded_at, metric_value").rows
            .map { try $0.decode("metric_value", as: Double.self) }
        #expect(views.count == 2 && views[1] > views[0])
    }
}
