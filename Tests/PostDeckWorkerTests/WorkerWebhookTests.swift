import Dispatch
import Foundation
import Synchronization
import Testing
import LocalEndpoint
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport
import PostDeckWorker

/// The worker in this process against a real PostgreSQL and a real local HTTP endpoint that
/// records every request: what is sent, how often, and what the database says afterwards.
@Suite struct WorkerWebhookTests {
    typealias S = PublishScenario

    @Test func eachNetworkGetsItsOwnTextMediaAndFirstCommentAndThePostIsPublished() async throws {
        let harness = try WorkerHarness { WorkerHarness.accepted($0) }
        let post = try S.schedule(on: harness.db, accounts: [S.instagram, S.linkedin], content: "Plain text for everyone",
                                  variations: [.linkedin: "A longer LinkedIn text, with a closing line."], firstComment: "#acme #launch")
        try harness.db.execute("""
            INSERT INTO media_files (post_id, filename, original_filename, mime_type, media_type, file_size, dimensions,
                                     storage_path, platform_versions, metadata)
            VALUES ($1::uuid, 'a.jpg', 'Launch day.jpg', 'image/jpeg', 'image', 1000, '{"width": 1200, "height": 627}',
                    's3://media/a.jpg', '{"instagram": {"path": "s3://media/a-4x5.jpg", "width": 1080}}', '{"alt_text": "Our team"}')
            """, [post])
        try await harness.worker().run()

        let documents = Dictionary(uniqueKeysWithValues: harness.documents.map { ($0.platform, $0) })
        #expect(documents.count == 2 && harness.endpoint.requests.count == 2)
        #expect(documents["instagram"]?.text == "Plain text for everyone")
        #expect(documents["linkedin"]?.text == "A longer LinkedIn text, with a closing line.")
        #expect(documents["instagram"]?.media.map(\.path) == ["s3://media/a-4x5.jpg"])
        #expect(documents["linkedin"]?.media.map(\.path) == ["s3://media/a.jpg"])
        #expect(documents["linkedin"]?.media.first?.altText == "Our team" && documents["linkedin"]?.media.first?.width == 1200)
        #expect(documents.values.allSatisfy { $0.firstComment == "#acme #launch" && $0.hashtags == ["#acme"] && $0.client.name == "Acme" })
        #expect(documents["linkedin"]?.account.username == "acme-li" && documents["linkedin"]?.attempt == 1)
        let request = try #require(harness.endpoint.requests.first)
        #expect(request.method == "POST" && request.path == "/publish" && request.headers["content-type"] == "application/json")
        #expect(request.headers["idempotency-key"] == (try JSONDecoder().decode(PublishDocument.self, from: Data(request.body))).idempotencyKey)

        let state = try S.state(of: post, on: harness.db)
        #expect(state.status == "published" && state.jobStatus == "completed" && state.attempts == 1)
        let linkedin = try #require(documents["linkedin"])
        #expect(state.platforms[S.linkedin] == .init(status: "published", platformPostID: "linkedin-\(linkedin.postPlatformID.prefix(8))",
                                                      error: nil, hasPublishedAt: true))
    }

    @Test func aThrottledSendWaitsForRetryAfterAndIsThenPublished() async throws {
        let calls = Mutex(0)
        let harness = try WorkerHarness { request in
            let call = calls.withLock { $0 += 1; return $0 }
            return call == 1 ? .json(#"{"error": "slow down"}"#, status: 429).with(header: ("Retry-After", "1"))
                             : WorkerHarness.accepted(request)
        }
        let post = try S.schedule(on: harness.db, accounts: [S.instagram])
        let worker = harness.worker(exitWhenIdle: false)
        let running = worker.start()
        try await harness.waitUntil("the post to be published") { try S.state(of: post, on: harness.db).status == "published" }
        worker.stop()
        _ = try await running.value

        let keys = harness.documents.map(\.idempotencyKey)
        #expect(keys.count == 2 && Set(keys).count == 1, "the retry is the same send, with the same idempotency key")
        #expect(harness.documents.map(\.attempt) == [1, 2])
        let state = try S.state(of: post, on: harness.db)
        #expect(state.jobStatus == "completed" && state.attempts == 2 && state.jobError == "HTTP 429: slow down")
        let gap: Double = try harness.db.execute("""
            SELECT extract(epoch FROM max(started_at) - min(started_at))::float8 AS gap FROM postdeck_deliveries
            """).first!.decode("gap")
        #expect(gap >= 1, "the second send is not made before Retry-After")
    }

    @Test func aServerErrorIsRetriedUntilTheJobsAttemptsRunOutThenFails() async throws {
        let harness = try WorkerHarness { _ in .json(#"{"error": "upstream exploded"}"#, status: 500) }
        let post = try S.schedule(on: harness.db, accounts: [S.instagram], maxAttempts: 3)
        let worker = harness.worker(backoff: 0.02, exitWhenIdle: false)
        let running = worker.start()
        try await harness.waitUntil("the post to fail") { try S.state(of: post, on: harness.db).status == "failed" }
        worker.stop()
        _ = try await running.value

        #expect(harness.endpoint.requests.count == 3)
        let state = try S.state(of: post, on: harness.db)
        #expect(state.jobStatus == "failed" && state.attempts == 3 && state.jobCompletedAt)
        #expect(state.platforms[S.instagram]?.error == "HTTP 500: upstream exploded (gave up after 3 attempts)")
    }

    @Test func aRefusalFailsAtOnceWhileTheOtherNetworkPublishesAndThePostReadsFailed() async throws {
        let harness = try WorkerHarness { request in
            let document = try? JSONDecoder().decode(PublishDocument.self, from: Data(request.body))
            return document?.platform == "linkedin" ? .json(#"{"error": "text too long for LinkedIn"}"#, status: 422)
                                                    : WorkerHarness.accepted(request)
        }
        let mixed = try S.schedule(on: harness.db, accounts: [S.instagram, S.linkedin])
        let clean = try S.schedule(on: harness.db, accounts: [S.instagram])
        try await harness.worker().run()

        #expect(harness.endpoint.requests.count == 3, "a 422 is not retried")
        let failed = try S.state(of: mixed, on: harness.db)
        #expect(failed.status == "failed" && failed.jobStatus == "failed" && failed.attempts == 1)
        #expect(failed.platforms[S.linkedin]?.status == "failed" && failed.platforms[S.linkedin]?.error == "HTTP 422: text too long for LinkedIn")
        #expect(failed.platforms[S.instagram]?.status == "published")
        #expect(try S.state(of: clean, on: harness.db).status == "published")
    }

    @Test func anExpiredMissingOrInactiveAccountFailsWithoutAnyCall() async throws {
        let harness = try WorkerHarness { WorkerHarness.accepted($0) }
        let post = try S.schedule(on: harness.db, accounts: [S.facebook, S.tiktok, S.inactive])
        try await harness.worker().run()

        #expect(harness.endpoint.requests.isEmpty)
        let state = try S.state(of: post, on: harness.db)
        #expect(state.status == "failed" && state.jobStatus == "failed")
        #expect(state.platforms[S.facebook]?.error?.contains("access token of @AcmeFB on Facebook expired") == true)
        #expect(state.platforms[S.tiktok]?.error?.contains("has no access token") == true)
        let health = try harness.db.run(HealthQueries.failures(of: S.tiktok))
        #expect(health.failures.map(\.postID) == [post], "the health pane lists it")
    }

    @Test func stoppingFinishesTheCallInFlightAndGivesBackWhatWasNotBegun() async throws {
        // The endpoint holds its answer until the test has asked the worker to stop.
        let gate = DispatchSemaphore(value: 0)
        let harness = try WorkerHarness { request in
            gate.wait()
            return WorkerHarness.accepted(request)
        }
        let posts = [try S.schedule(on: harness.db, accounts: [S.instagram]), try S.schedule(on: harness.db, accounts: [S.linkedin])]
        // A call timeout far beyond the test's: the held call must not time out and be retried.
        let worker = harness.worker(concurrency: 1, exitWhenIdle: false, timeout: 600)
        let running = worker.start()
        try await harness.waitUntil("the first call") { !harness.endpoint.requests.isEmpty }
        worker.stop()
        gate.signal()
        gate.signal()  // in case a second call came after all: the test then fails, it does not hang
        _ = try await running.value

        // One call slot: one post was on the wire when the stop came, the other waiting for the slot.
        #expect(harness.endpoint.requests.count == 1)
        let sent = try #require(harness.documents.first?.postID)
        let states = try posts.map { try S.state(of: $0, on: harness.db) }
        #expect(states.filter { $0.status == "published" }.count == 1, "the call in flight is finished and recorded")
        let released = try #require(zip(posts, states).first { $0.0.description != sent }?.1)
        #expect(released.status == "scheduled" && released.jobStatus == "pending" && released.attempts == 0)
        let stopped: Bool = try harness.db.execute("SELECT bool_and(stopped_at IS NOT NULL) AS s FROM postdeck_workers").first!.decode("s")
        #expect(stopped)
    }

    @Test func anAccountTakesOneCallAtATimeByDefault() async throws {
        let inFlight = Mutex((now: 0, most: 0))
        let harness = try WorkerHarness { request in
            inFlight.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            defer { inFlight.withLock { $0.now -= 1 } }
            usleep(50_000)
            return WorkerHarness.accepted(request)
        }
        for _ in 0..<4 { try S.schedule(on: harness.db, accounts: [S.instagram]) }
        try await harness.worker(concurrency: 8).run()
        #expect(harness.endpoint.requests.count == 4)
        #expect(inFlight.withLock { $0.most } == 1)
    }
}

extension LocalEndpoint.Response {
    func with(header: (String, String)) -> LocalEndpoint.Response {
        var copy = self
        copy.headers.append(header)
        return copy
    }
}
