import Foundation
import Testing
import PostDeckCore
@testable import PostDeckStore
import PostDeckTestSupport

extension ComposerScenario {
    static func draft(_ text: String = "Fresh bread 🥖 today\n焼きたてのパン") -> PostDraft {
        PostDraft(clientID: client, content: text, variations: [.linkedin: "Fresh bread for the network"],
                  settings: PostSettings(hashtags: ["#bread"], mentions: ["@baker"], firstComment: "#more #tags"),
                  accountIDs: [instagram, linkedin], campaignID: campaign)
    }
}

@Suite struct ComposerQueriesTests {
    typealias S = ComposerScenario

    private func count(_ db: Connection, _ sql: String, _ parameters: [(any SQLParameter)?] = []) throws -> Int {
        try db.execute(sql, parameters).first!.decode("n")
    }

    private func saved(_ outcome: SaveOutcome) throws -> StoredPost {
        guard case .saved(let post) = outcome else { Issue.record("expected a save, got \(outcome)"); throw StoreError.invalid("not saved") }
        return post
    }

    @Test func choicesListActiveAccountsWithTokenStateAndOpenCampaignsAndTemplates() throws {
        let (_, db) = try S.makeDatabase()
        let choices = try db.run(ComposerQueries.choices(for: S.client))
        #expect(choices.accounts.map(\.id) == [S.linkedin, S.instagram])
        #expect(choices.accounts.map(\.tokenStatus) == [.expired, .healthy])
        #expect(choices.campaigns.map(\.name) == ["Spring"])
        #expect(choices.campaigns.first?.covers(LocalDate(year: 2030, month: 3, day: 31)!) == true)
        #expect(choices.campaigns.first?.covers(LocalDate(year: 2030, month: 4, day: 1)!) == false)
        #expect(choices.templates.first?.variations == [.linkedin: "Dear network"])
        #expect(choices.templates.first?.settings.hashtags == ["#bread"])
    }

    @Test func aDraftThenAScheduleWriteExactlyThePostItsPlatformsAndOnePendingJob() throws {
        let (_, db) = try S.makeDatabase()
        var draft = S.draft()
        let first = try saved(db.run(ComposerQueries.saveDraft(draft)))
        #expect(first.status == .draft && first.scheduledAt == nil)
        #expect(first.content == draft.content)
        let row = try #require(try db.execute("""
            SELECT content, content_variations->>'linkedin' AS li, post_settings->>'first_comment' AS fc,
                   post_settings->'hashtags'->>0 AS tag, campaign_id FROM posts WHERE id = $1::uuid
            """, [draft.id]).first)
        #expect(try row.decode("content", as: String.self) == "Fresh bread 🥖 today\n焼きたてのパン")
        #expect(try row.decode("li", as: String.self) == "Fresh bread for the network")
        #expect(try row.decode("fc", as: String.self) == "#more #tags")
        #expect(try row.decode("tag", as: String.self) == "#bread")
        #expect(try count(db, "SELECT count(*)::int AS n FROM post_platforms WHERE post_id = $1::uuid AND status = 'pending'", [draft.id]) == 2)
        #expect(try count(db, "SELECT count(*)::int AS n FROM scheduled_jobs") == 0)

        draft.expectedUpdatedAt = first.updatedAt
        draft.accountIDs = [S.instagram]
        let at = Date().addingTimeInterval(86_400).rounded()
        let scheduled = try saved(db.run(ComposerQueries.schedule(draft, at: at)))
        #expect(scheduled.status == .scheduled && scheduled.scheduledAt == at)
        #expect(scheduled.accountIDs == [S.instagram])
        #expect(try count(db, "SELECT count(*)::int AS n FROM post_platforms WHERE post_id = $1::uuid", [draft.id]) == 1)
        let job = try #require(try db.execute("""
            SELECT job_type, status::text AS status, scheduled_for, job_data->>'post_id' AS post,
                   job_data->'account_ids'->>0 AS account, jsonb_array_length(job_data->'account_ids') AS accounts
            FROM scheduled_jobs
            """).first)
        #expect(try job.decode("job_type", as: String.self) == "post_publish")
        #expect(try job.decode("status", as: String.self) == "pending")
        #expect(try job.decode("scheduled_for", as: Date.self) == at)
        #expect(try job.decode("post", as: String.self) == draft.id.description)
        #expect(try job.decode("account", as: String.self) == S.instagram.description)
        #expect(try job.decode("accounts", as: Int.self) == 1)

        // Rescheduling moves the job; unscheduling cancels it. Never a second job.
        draft.expectedUpdatedAt = scheduled.updatedAt
        let later = at.addingTimeInterval(3_600)
        let moved = try saved(db.run(ComposerQueries.schedule(draft, at: later)))
        #expect(try count(db, "SELECT count(*)::int AS n FROM scheduled_jobs") == 1)
        #expect(try db.execute("SELECT scheduled_for FROM scheduled_jobs").first!.decode("scheduled_for", as: Date.self) == later)
        draft.expectedUpdatedAt = moved.updatedAt
        let unscheduled = try saved(db.run(ComposerQueries.saveDraft(draft)))
        #expect(unscheduled.status == .draft && unscheduled.scheduledAt == nil)
        #expect(try count(db, "SELECT count(*)::int AS n FROM scheduled_jobs WHERE status = 'cancelled'") == 1)
        #expect(try count(db, "SELECT count(*)::int AS n FROM scheduled_jobs WHERE status = 'pending'") == 0)
    }

    @Test func aSavePressedTwiceOrRetriedMakesOnePost() throws {
        let (_, db) = try S.makeDatabase()
        let draft = S.draft()
        _ = try saved(db.run(ComposerQueries.saveDraft(draft)))
        _ = try saved(db.run(ComposerQueries.saveDraft(draft)))   // the answer to the first was lost
        #expect(try count(db, "SELECT count(*)::int AS n FROM posts") == 1)
        #expect(try count(db, "SELECT count(*)::int AS n FROM post_platforms") == 2)
    }

    @Test func aConflictingEditChangesNothingAndReturnsTheCurrentPost() throws {
        let (_, db) = try S.makeDatabase()
        var mine = S.draft()
        let first = try saved(db.run(ComposerQueries.saveDraft(mine)))
        // Another manager edits the post.
        _ = try db.execute("UPDATE posts SET content = 'their version' WHERE id = $1::uuid", [mine.id])
        mine.expectedUpdatedAt = first.updatedAt
        mine.content = "my version"
        let outcome = try db.run(ComposerQueries.saveDraft(mine))
        guard case .conflict(let current) = outcome else { Issue.record("expected a conflict"); return }
        #expect(current.content == "their version")
        #expect(current.accountIDs.count == 2)
        #expect(try db.execute("SELECT content FROM posts").first!.decode("content", as: String.self) == "their version")
        // And a retried first save of a post someone has since edited is a conflict too.
        mine.expectedUpdatedAt = nil
        if case .saved = try db.run(ComposerQueries.saveDraft(mine)) { Issue.record("a blind overwrite went through") }
    }

    @Test func publishedPostsAreNotOverwritten() throws {
        let (_, db) = try S.makeDatabase()
        var draft = S.draft()
        let first = try saved(db.run(ComposerQueries.saveDraft(draft)))
        _ = try db.execute("UPDATE posts SET status = 'published' WHERE id = $1::uuid", [draft.id])
        let now = try #require(try db.execute("SELECT updated_at FROM posts").first).decode("updated_at", as: Date.self)
        #expect(now != first.updatedAt)
        draft.expectedUpdatedAt = now
        guard case .conflict(let current) = try db.run(ComposerQueries.saveDraft(draft)) else {
            Issue.record("a published post was changed"); return
        }
        #expect(current.status == .published)
    }

    @Test func aScheduleInThePastIsRefusedAndWritesNothing() throws {
        let (_, db) = try S.makeDatabase()
        let draft = S.draft()
        #expect(throws: StoreError.invalid("cannot schedule in the past: choose a time after now")) {
            try db.run(ComposerQueries.schedule(draft, at: Date().addingTimeInterval(-60)))
        }
        #expect(try count(db, "SELECT count(*)::int AS n FROM posts") == 0)
        let first = try saved(db.run(ComposerQueries.saveDraft(draft)))
        var again = draft
        again.expectedUpdatedAt = first.updatedAt
        #expect(throws: StoreError.self) { try db.run(ComposerQueries.schedule(again, at: Date().addingTimeInterval(-60))) }
        #expect(try count(db, "SELECT count(*)::int AS n FROM scheduled_jobs") == 0)
    }

    @Test func mediaRowsAreRecordedAndReplaced() throws {
        let (_, db) = try S.makeDatabase()
        var draft = S.draft()
        draft.media = [MediaInfo(path: "/tmp/a.jpg", format: .jpeg, byteSize: 1234, width: 1080, height: 1350),
                       MediaInfo(path: "/tmp/b.mp4", format: .mp4, byteSize: 99, width: 720, height: 1280, durationSeconds: 12.4)]
        let first = try saved(db.run(ComposerQueries.saveDraft(draft)))
        #expect(first.mediaPaths == ["/tmp/a.jpg", "/tmp/b.mp4"])
        let video = try #require(try db.execute("""
            SELECT media_type::text AS t, mime_type, file_size, duration, dimensions->>'width' AS w, filename
            FROM media_files WHERE storage_path = '/tmp/b.mp4'
            """).first)
        #expect(try video.decode("t", as: String.self) == "video")
        #expect(try video.decode("duration", as: Int.self) == 12)
        #expect(try video.decode("w", as: String.self) == "720")
        #expect(try video.decode("filename", as: String.self) == "b.mp4")
        draft.media.removeFirst()
        draft.expectedUpdatedAt = first.updatedAt
        _ = try saved(db.run(ComposerQueries.saveDraft(draft)))
        #expect(try count(db, "SELECT count(*)::int AS n FROM media_files") == 1)
    }

    @Test func theTextSurvivesAConnectionDroppedInTheMiddleOfASave() throws {
        let (database, db) = try S.makeDatabase()
        let draft = S.draft("Text that must not be lost ✍️")
        let first = try saved(db.run(ComposerQueries.saveDraft(draft)))
        // Another session holds the post's row lock, so the save waits; then its backend is killed.
        let blocker = try database.connect()
        _ = try blocker.execute("BEGIN")
        _ = try blocker.execute("SELECT 1 FROM posts WHERE id = $1::uuid FOR UPDATE", [draft.id])
        let saver = try database.connect()
        let pid: Int = try saver.execute("SELECT pg_backend_pid()::int AS pid").first!.decode("pid")
        var edited = draft
        edited.expectedUpdatedAt = first.updatedAt
        edited.content = "Edited text that must not be lost ✍️ 编辑"
        // Killed once the server shows it waiting for the row lock, that is, mid-save.
        let killer = Thread {
            guard let admin = try? database.connect() else { return }
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline,
                  (try? admin.execute("SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1::int", [pid])
                    .first?.decode("waiting", as: Bool.self)) != true {
                usleep(10_000)
            }
            _ = try? admin.execute("SELECT pg_terminate_backend($1::int)", [pid])
        }
        killer.start()
        var failure: StoreError?
        do { _ = try saver.run(ComposerQueries.saveDraft(edited)) } catch let error as StoreError { failure = error }
        #expect(failure?.isConnectionProblem == true)
        _ = try blocker.execute("ROLLBACK")
        // Nothing half-written: the old text is intact.
        #expect(try db.execute("SELECT content FROM posts").first!.decode("content", as: String.self) == draft.content)
        // The caller still has the text; the retry on a new connection writes it, once.
        let retried = try saved(database.connect().run(ComposerQueries.saveDraft(edited)))
        #expect(retried.content == edited.content)
        #expect(try count(db, "SELECT count(*)::int AS n FROM posts") == 1)
    }
}

extension Date {
    /// Whole seconds, so a round trip through timestamptz compares equal.
    func rounded() -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
