import Foundation
import Testing
import PostDeckCore
@testable import PostDeckStore
import PostDeckTestSupport

/// The one retry of a failed publish (`PublishHistoryQueries.retry`) against a real
/// PostgreSQL: guarded by the post's stamp, one pending publish job, never two.
@Suite struct PublishRetryTests {
    static let post = PostID("e0000000-0000-4000-8000-000000000001")!
    static let account = AccountID("d0000000-0000-4000-8000-000000000004")!

    static func makeDatabase() throws -> (TestDatabase, Connection) {
        let database = try TestDatabase.migrated()
        let db = try database.connect()
        try HealthScenario.install(on: db)
        // The failure as the worker leaves it: the post failed, its publish job failed.
        try db.execute("""
            INSERT INTO scheduled_jobs (job_type, job_data, status, scheduled_for, attempts, error_message)
            VALUES ('post_publish', jsonb_build_object('post_id', $1::uuid::text), 'failed', now() - interval '1 hour', 3,
                    'OAuthException: Session has expired')
            """, [post])
        return (database, db)
    }

    static func stamp(_ db: Connection) throws -> Date {
        try #require(try db.run(PostWrites.snapshot(of: post))).updatedAt
    }

    static func pendingJobs(_ db: Connection) throws -> Int {
        try db.execute("""
            SELECT count(*)::int AS n FROM scheduled_jobs
            WHERE job_type = 'post_publish' AND status = 'pending' AND job_data->>'post_id' = $1::uuid::text
            """, [post]).first!.decode("n")
    }

    @Test func aRetryQueuesExactlyOnePendingJobAndClearsTheError() throws {
        let (_, db) = try Self.makeDatabase()
        let result = try db.run(PublishHistoryQueries.retry(post: Self.post, account: Self.account, stamp: Self.stamp(db)))
        guard case .success(let job) = result else { Issue.record("refused: \(result)"); return }
        #expect(try Self.pendingJobs(db) == 1)
        let row = try #require(try db.execute("""
            SELECT pp.status::text AS pp, pp.error_message, p.status::text AS post, j.job_data->>'account_ids' AS accounts,
                   j.scheduled_for <= now() AS due
            FROM post_platforms pp JOIN posts p ON p.id = pp.post_id, scheduled_jobs j
            WHERE pp.post_id = $1::uuid AND pp.account_id = $2::uuid AND j.id = $3::uuid
            """, [Self.post, Self.account, job]).first)
        #expect(try row.decode("pp", as: String.self) == "pending")
        #expect(try row.decode("error_message", as: String?.self) == nil)
        #expect(try row.decode("post", as: String.self) == "publishing")
        #expect(try row.decode("accounts", as: String.self) == "[\"\(Self.account)\"]")
        #expect(try row.decode("due", as: Bool.self))
    }

    @Test func aSecondRetryWithTheSameStampIsRefusedAndQueuesNothing() throws {
        let (_, db) = try Self.makeDatabase()
        let shown = try Self.stamp(db)
        guard case .success = try db.run(PublishHistoryQueries.retry(post: Self.post, account: Self.account, stamp: shown)) else {
            Issue.record("first retry refused"); return
        }
        #expect(try db.run(PublishHistoryQueries.retry(post: Self.post, account: Self.account, stamp: shown)) == .failure(.changedElsewhere))
        #expect(try Self.pendingJobs(db) == 1)
    }

    @Test func aPostChangedSinceItWasShownIsRefusedAndLeftAsItIs() throws {
        let (_, db) = try Self.makeDatabase()
        let shown = try Self.stamp(db)
        try db.execute("UPDATE posts SET content = 'edited by someone else' WHERE id = $1::uuid", [Self.post])
        #expect(try db.run(PublishHistoryQueries.retry(post: Self.post, account: Self.account, stamp: shown)) == .failure(.changedElsewhere))
        #expect(try Self.pendingJobs(db) == 0)
        let status = try db.execute("SELECT status::text AS s FROM post_platforms WHERE post_id = $1::uuid", [Self.post]).first!
        #expect(try status.decode("s", as: String.self) == "failed")
    }

    @Test func onlyAFailedPublishIsRetried() throws {
        let (_, db) = try Self.makeDatabase()
        let published = PostID("e0000000-0000-4000-8000-000000000002")!
        let stamp = try #require(try db.run(PostWrites.snapshot(of: published))).updatedAt
        #expect(try db.run(PublishHistoryQueries.retry(post: published, account: Self.account, stamp: stamp))
                == .failure(.notFailed(.published)))
        let other = AccountID("d0000000-0000-4000-8000-000000000001")!
        #expect(try db.run(PublishHistoryQueries.retry(post: Self.post, account: other, stamp: Self.stamp(db))) == .failure(.notFound))
    }

    /// Two managers press `r` on the same failure at once: the second waits for the first's
    /// lock, then finds the stamp moved. The unique pending-publish index is never reached.
    @Test func twoRetriesAtOnceQueueOneJob() throws {
        let (database, db) = try Self.makeDatabase()
        let shown = try Self.stamp(db)
        let first = try database.connect()
        try first.execute("BEGIN")
        let firstResult = try first.run(PublishHistoryQueries.retry(post: Self.post, account: Self.account, stamp: shown))
        let box = ResultBox()
        let thread = Thread {
            box.set(Result { try database.connect().run(PublishHistoryQueries.retry(post: Self.post, account: Self.account, stamp: shown)) })
        }
        thread.start()
        try first.execute("COMMIT")
        let secondResult = try box.wait().get()
        guard case .success = firstResult else { Issue.record("first retry refused: \(firstResult)"); return }
        #expect(secondResult == .failure(.changedElsewhere))
        #expect(try Self.pendingJobs(db) == 1)
    }
}

/// The answer of a query run on another thread, waited for without sleeping.
private final class ResultBox: @unchecked Sendable {
    // Safe: `value` is only touched under `condition`'s lock.
    private let condition = NSCondition()
    private var value: Result<Result<JobID, PublishRetryRefusal>, any Error>?

    func set(_ result: Result<Result<JobID, PublishRetryRefusal>, any Error>) {
        condition.lock(); value = result; condition.signal(); condition.unlock()
    }

    func wait() -> Result<Result<JobID, PublishRetryRefusal>, any Error> {
        condition.lock(); defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}
