import Foundation
import Testing
import PostDeckCore
@testable import PostDeckStore
import PostDeckTestSupport

/// The calendar's one-statement writes: reschedule, cancel, duplicate and undo, each guarded
/// by the `updated_at` the caller loaded, leaving the rows exactly as expected.
@Suite struct CalendarWritesTests {
    typealias S = CalendarScenario

    struct PostRow: Equatable {
        let status: PostStatus
        let scheduledAt: Date?
        let updatedAt: Date
    }

    struct JobRow: Equatable {
        let status: JobStatus
        let scheduledFor: Date
    }

    static func makeDatabase() throws -> Connection {
        let db = try TestDatabase.migrated().connect()
        try S.install(on: db)
        return db
    }

    func row(_ db: Connection, _ post: PostID) throws -> PostRow {
        let row = try #require(try db.execute("SELECT status, scheduled_at, updated_at FROM posts WHERE id = $1::uuid", [post]).first)
        return PostRow(status: try row.decode("status"), scheduledAt: try row.decode("scheduled_at"), updatedAt: try row.decode("updated_at"))
    }

    func jobs(_ db: Connection, _ post: PostID) throws -> [JobRow] {
        try db.execute("SELECT status, scheduled_for FROM scheduled_jobs WHERE job_data->>'post_id' = $1::uuid::text ORDER BY created_at",
                       [post]).rows.map { JobRow(status: try $0.decode("status"), scheduledFor: try $0.decode("scheduled_for")) }
    }

    @Test func rescheduleMovesThePostAndItsPendingJobTogetherAndUndoPutsThemBack() throws {
        let db = try Self.makeDatabase()
        let before = try row(db, S.post(20))
        let target = try #require(before.scheduledAt).addingTimeInterval(86_400)
        let outcome = try db.run(CalendarQueries.reschedule(S.post(20), to: target, expectedUpdatedAt: before.updatedAt))
        guard case .done(let change) = outcome, case .rescheduled(_, let from, let to, let movedJobs, let stamp) = change else {
            Issue.record("expected a reschedule, got \(outcome)"); return
        }
        #expect(from == before.scheduledAt && to == target && movedJobs.count == 1)
        let after = try row(db, S.post(20))
        #expect(after == PostRow(status: .scheduled, scheduledAt: target, updatedAt: stamp))
        #expect(try jobs(db, S.post(20)) == [JobRow(status: .pending, scheduledFor: target)])

        guard case .done = try db.run(CalendarQueries.undo(change)) else { Issue.record("undo refused"); return }
        #expect(try row(db, S.post(20)).scheduledAt == before.scheduledAt)
        #expect(try jobs(db, S.post(20)) == [JobRow(status: .pending, scheduledFor: before.scheduledAt!)])
    }

    @Test func aStaleEditIsRefusedAndReturnsTheCurrentState() throws {
        let db = try Self.makeDatabase()
        let loaded = try row(db, S.post(20))
        // Another manager moves the post first.
        let other = loaded.scheduledAt!.addingTimeInterval(7_200)
        try db.execute("UPDATE posts SET scheduled_at = $1::timestamptz WHERE id = $2::uuid", [other, S.post(20)])
        let outcome = try db.run(CalendarQueries.reschedule(S.post(20), to: loaded.scheduledAt!.addingTimeInterval(3_600),
                                                             expectedUpdatedAt: loaded.updatedAt))
        #expect(outcome == .refused(PostWriteRefusal(reason: .changedElsewhere, currentStatus: .scheduled, currentScheduledAt: other)))
        #expect(try row(db, S.post(20)).scheduledAt == other, "nothing was overwritten")
        #expect(try jobs(db, S.post(20)).map(\.scheduledFor) == [loaded.scheduledAt!])
    }

    @Test func aTimeInThePastIsRefused() throws {
        let db = try Self.makeDatabase()
        let loaded = try row(db, S.post(20))
        let outcome = try db.run(CalendarQueries.reschedule(S.post(20), to: Date().addingTimeInterval(-60), expectedUpdatedAt: loaded.updatedAt))
        guard case .refused(let refusal) = outcome, case .notInFuture = refusal.reason else { Issue.record("\(outcome)"); return }
        #expect(try row(db, S.post(20)) == loaded)
    }

    @Test func publishedFailedAndCancelledPostsCannotBeMovedOrCancelled() throws {
        let db = try Self.makeDatabase()
        for (post, status) in [(S.post(22), PostStatus.published), (S.post(2), .failed), (S.post(4), .cancelled)] {
            let loaded = try row(db, post)
            let moved = try db.run(CalendarQueries.reschedule(post, to: Date().addingTimeInterval(86_400), expectedUpdatedAt: loaded.updatedAt))
            #expect(moved == .refused(PostWriteRefusal(reason: .notEditable(status), currentStatus: status, currentScheduledAt: loaded.scheduledAt)))
            let cancelled = try db.run(CalendarQueries.cancel(post, expectedUpdatedAt: loaded.updatedAt))
            #expect(cancelled == .refused(PostWriteRefusal(reason: .notEditable(status), currentStatus: status, currentScheduledAt: loaded.scheduledAt)))
            #expect(try row(db, post) == loaded)
        }
        let gone = try db.run(CalendarQueries.cancel(S.post(999), expectedUpdatedAt: Date()))
        #expect(gone == .refused(PostWriteRefusal(reason: .notFound, currentStatus: nil, currentScheduledAt: nil)))
    }

    @Test func cancelCancelsThePostAndItsPendingJobAndUndoRestoresBoth() throws {
        let db = try Self.makeDatabase()
        let loaded = try row(db, S.post(20))
        let outcome = try db.run(CalendarQueries.cancel(S.post(20), expectedUpdatedAt: loaded.updatedAt))
        guard case .done(let change) = outcome, case .cancelled(_, let previous, _, let cancelledJobs, let stamp) = change else {
            Issue.record("\(outcome)"); return
        }
        #expect(previous == .scheduled && cancelledJobs.count == 1)
        #expect(try row(db, S.post(20)) == PostRow(status: .cancelled, scheduledAt: loaded.scheduledAt, updatedAt: stamp))
        #expect(try jobs(db, S.post(20)) == [JobRow(status: .cancelled, scheduledFor: loaded.scheduledAt!)])

        guard case .done = try db.run(CalendarQueries.undo(change)) else { Issue.record("undo refused"); return }
        #expect(try row(db, S.post(20)).status == .scheduled)
        #expect(try jobs(db, S.post(20)) == [JobRow(status: .pending, scheduledFor: loaded.scheduledAt!)])
    }

    @Test func undoIsRefusedOnceSomeoneElseChangedThePost() throws {
        let db = try Self.makeDatabase()
        let loaded = try row(db, S.post(21))
        guard case .done(let change) = try db.run(CalendarQueries.reschedule(S.post(21), to: loaded.scheduledAt!.addingTimeInterval(3_600),
                                                                               expectedUpdatedAt: loaded.updatedAt))
        else { Issue.record("move refused"); return }
        try db.execute("UPDATE posts SET content = 'edited elsewhere' WHERE id = $1::uuid", [S.post(21)])
        let undone = try db.run(CalendarQueries.undo(change))
        guard case .refused(let refusal) = undone, refusal.reason == .changedElsewhere else { Issue.record("\(undone)"); return }
        #expect(try row(db, S.post(21)).scheduledAt == loaded.scheduledAt!.addingTimeInterval(3_600))
    }

    @Test func duplicateMakesADraftWithTheSameContentAndPendingAccountsAndUndoDeletesIt() throws {
        let db = try Self.makeDatabase()
        let outcome = try db.run(CalendarQueries.duplicate(S.post(20)))
        guard case .done(let change) = outcome, case .duplicated(let original, let copy, _) = change else { Issue.record("\(outcome)"); return }
        #expect(original == S.post(20) && copy != original)
        let compare = try #require(try db.execute("""
            SELECT c.status, c.content = o.content AS same_content, c.content_variations = o.content_variations AS same_variations,
                   c.post_settings = o.post_settings AS same_settings, c.scheduled_at = o.scheduled_at AS same_time,
                   c.campaign_id IS NOT DISTINCT FROM o.campaign_id AND c.template_id IS NOT DISTINCT FROM o.template_id AS same_links,
                   (SELECT array_agg(account_id::text || ':' || status ORDER BY account_id) FROM post_platforms WHERE post_id = c.id)::text AS copy_targets,
                   (SELECT array_agg(account_id::text || ':pending' ORDER BY account_id) FROM post_platforms WHERE post_id = o.id)::text AS want_targets,
                   (SELECT count(*) FROM scheduled_jobs WHERE job_data->>'post_id' = c.id::text) AS copy_jobs
            FROM posts c, posts o WHERE c.id = $1::uuid AND o.id = $2::uuid
            """, [copy, original]).first)
        #expect(try compare.decode("status", as: PostStatus.self) == .draft)
        for column in ["same_content", "same_variations", "same_settings", "same_time", "same_links"] {
            #expect(try compare.decode(column, as: Bool.self), "\(column)")
        }
        #expect(try compare.decode("copy_targets", as: String.self) == compare.decode("want_targets", as: String.self))
        #expect(try compare.decode("copy_jobs", as: Int.self) == 0, "a draft has no publish job")

        guard case .done = try db.run(CalendarQueries.undo(change)) else { Issue.record("undo refused"); return }
        #expect(try db.execute("SELECT 1 FROM posts WHERE id = $1::uuid", [copy]).rows.isEmpty)
        #expect(try db.execute("SELECT 1 FROM post_platforms WHERE post_id = $1::uuid", [copy]).rows.isEmpty)
    }

    @Test func aDuplicateOfAPastPostIsUnscheduled() throws {
        let db = try Self.makeDatabase()
        guard case .done(.duplicated(_, let copy, _)) = try db.run(CalendarQueries.duplicate(S.post(22))) else {
            Issue.record("duplicate refused"); return
        }
        #expect(try row(db, copy).scheduledAt == nil)
        #expect(try row(db, copy).status == .draft)
    }
}
