import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// `postdeck post retry`: the health pane's retry from a script, through the same store function.
@Suite struct PostRetryCommandLineTests {
    static let post = "e0000000-0000-4000-8000-000000000001"

    static func database() throws -> (TestDatabase, Connection) {
        let database = try TestDatabase.migrated()
        let db = try database.connect()
        try HealthScenario.install(on: db)
        return (database, db)
    }

    static func pendingJobs(_ db: Connection) throws -> Int {
        try db.execute("""
            SELECT count(*)::int AS n FROM scheduled_jobs WHERE job_type = 'post_publish' AND status = 'pending'
            AND job_data->>'post_id' = $1
            """, [post]).first!.decode("n")
    }

    @Test func aFailedPostIsQueuedAgainExactlyOnce() throws {
        let (database, db) = try Self.database()
        let run = try CommandLineTests.postdeck(["post", "retry", Self.post, "--db", database.conninfo])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.hasPrefix("queued post \(Self.post) on facebook:notoken to publish again"))
        #expect(try Self.pendingJobs(db) == 1)
        // Again: the post is publishing now, nothing more is queued.
        let again = try CommandLineTests.postdeck(["post", "retry", Self.post, "--db", database.conninfo])
        #expect(again.status == 1)
        #expect(again.output.contains("not retried: post \(Self.post) failed on no account (it is publishing)"))
        #expect(try Self.pendingJobs(db) == 1)
    }

    @Test func anAccountThePostIsNotOnIsRefusedInOneLine() throws {
        let (database, db) = try Self.database()
        let run = try CommandLineTests.postdeck(["post", "retry", Self.post, "--account", "ig:expired", "--db", database.conninfo])
        #expect(run.status == 1)
        #expect(run.output.split(separator: "\n").first?.hasPrefix("postdeck: not retried:") == true, "\(run.output)")
        #expect(try Self.pendingJobs(db) == 0)
    }

    @Test func aPublishedPostIsNotRetried() throws {
        let (database, db) = try Self.database()
        let run = try CommandLineTests.postdeck(["post", "retry", "e0000000-0000-4000-8000-000000000002", "--account", "notoken",
                                                 "--db", database.conninfo])
        #expect(run.status == 1)
        #expect(run.output.contains("not retried: only a failed post can be retried; this one is published"), "\(run.output)")
        #expect(try Self.pendingJobs(db) == 0)
    }
}
