import Foundation
import Testing
import PostDeckCore
@testable import PostDeckStore
import PostDeckTestSupport

/// The one write path (`PostWrites`, `postdeck_write_post`): every change writes what it
/// says and nothing else, keeps the publish-job rule, and can be undone exactly.
@Suite struct PostWritesTests {
    typealias S = CalendarScenario

    static func makeDatabase() throws -> Connection {
        let db = try TestDatabase.make().connect()
        try S.install(on: db)
        return db
    }

    /// Everything stored about a post except `updated_at`, as the database prints it:
    /// compared as text, so a changed byte anywhere shows.
    static func stored(_ db: Connection, _ post: PostID) throws -> String? {
        try db.execute("SELECT (postdeck_post_snapshot($1::uuid) - 'updated_at')::text AS s", [post]).first
            .flatMap { try $0.decode("s", as: String?.self) }
    }

    static func pendingJobs(_ db: Connection, _ post: PostID) throws -> [Date] {
        try db.execute("""
            SELECT scheduled_for FROM scheduled_jobs
            WHERE job_data->>'post_id' = $1::uuid::text AND status = 'pending' AND job_type = 'post_publish'
            """, [post]).rows.map { try $0.decode("scheduled_for") }
    }

    static func snapshot(_ db: Connection, _ post: PostID) throws -> PostSnapshot {
        try #require(try db.run(PostWrites.snapshot(of: post)))
    }

    @discardableResult
    static func write(_ db: Connection, _ change: PostChange, _ post: PostID, _ stamp: Date?) throws -> PostWriteRecord {
        switch try db.run(PostWrites.write(change, to: post, expecting: stamp)) {
        case .done(let record): return record
        case .refused(let refusal): throw refusal
        }
    }

    static func refusal(_ db: Connection, _ change: PostChange, _ post: PostID, _ stamp: Date?) throws -> PostWriteRefusal.Reason? {
        if case .refused(let refusal) = try db.run(PostWrites.write(change, to: post, expecting: stamp)) { return refusal.reason }
        return nil
    }

    static let hostile = "tab\there\r\nCRLF \u{1b}]52;c;aGk=\u{07} \u{202e}rtl\u{2067}iso\u{2069} \u{200f}mark e\u{301} 👨🏿‍⚕️ 🇬🇧\u{85}\u{9b}"

    @Test func aNewDraftKeepsItsTextByteForByteAndItsPlannedTime() throws {
        let db = try Self.makeDatabase()
        let id = PostID.random()
        let planned = Date().addingTimeInterval(7 * 86_400).rounded()
        let record = try Self.write(db, .create(client: S.acme, PostEdit(text: .set(Self.hostile), time: .set(planned),
                                                                        addedAccounts: [S.acmeInstagram])), id, nil)
        #expect(record.before == nil && record.job == PublishJobEffect.none)
        let stored = try Self.snapshot(db, id)
        #expect(Array(stored.content.utf8) == Array(Self.hostile.utf8))
        #expect(stored.status == .draft && stored.scheduledAt == planned && stored.accountIDs == [S.acmeInstagram])
        #expect(try Self.pendingJobs(db, id).isEmpty)
    }

    @Test func savingTextOfAScheduledPostChangesOnlyTheTextNotStatusTimeMediaOrJob() throws {
        let db = try Self.makeDatabase()
        let before = try Self.snapshot(db, S.post(20))
        #expect(before.media.count == 1 && before.media[0].isRemote)
        let jobs = try Self.pendingJobs(db, S.post(20))
        let storedBefore = try #require(try Self.stored(db, S.post(20)))

        try Self.write(db, .save(PostEdit(text: .set("Spring launch — new trail shoes!"))), S.post(20), before.updatedAt)

        let after = try Self.snapshot(db, S.post(20))
        #expect(after.content == "Spring launch — new trail shoes!")
        #expect(after.status == .scheduled && after.scheduledAt == before.scheduledAt)
        #expect(after.media == before.media && after.targets == before.targets && after.variations == before.variations)
        #expect(try Self.pendingJobs(db, S.post(20)) == jobs)
        let storedAfter = try #require(try Self.stored(db, S.post(20)))
        #expect(storedAfter.replacingOccurrences(of: "Spring launch — new trail shoes!", with: "Spring launch — new trail shoes")
                == storedBefore)
    }

    @Test func scheduleMoveUnscheduleAndCancelKeepExactlyOnePendingJobWhileScheduled() throws {
        let db = try Self.makeDatabase()
        var stamp = try Self.snapshot(db, S.post(24)).updatedAt     // an undated draft
        let first = Date().addingTimeInterval(2 * 86_400).rounded()
        stamp = try #require(try Self.write(db, .schedule(PostEdit(addedAccounts: [S.acmeInstagram]), at: first), S.post(24), stamp).stamp)
        #expect(try Self.pendingJobs(db, S.post(24)) == [first])
        let second = first.addingTimeInterval(3_600)
        let moved = try Self.write(db, .move(to: second), S.post(24), stamp)
        #expect(try moved.job == .updated && (Self.pendingJobs(db, S.post(24))) == [second])
        let draft = try Self.write(db, .unschedule, S.post(24), moved.stamp)
        #expect(draft.job == .cancelled && draft.after?.status == .draft && draft.after?.scheduledAt == second)
        #expect(try Self.pendingJobs(db, S.post(24)).isEmpty)
        let again = try Self.write(db, .schedule(PostEdit(), at: second), S.post(24), draft.stamp)
        #expect(try again.job == .created && (Self.pendingJobs(db, S.post(24))) == [second])
        let cancelled = try Self.write(db, .cancel, S.post(24), again.stamp)
        #expect(try cancelled.after?.status == .cancelled && (Self.pendingJobs(db, S.post(24))).isEmpty)
    }

    @Test func aScheduledPostWithoutAJobGetsOneOnItsNextWrite() throws {
        let db = try Self.makeDatabase()
        try db.execute("DELETE FROM scheduled_jobs WHERE job_data->>'post_id' = $1::uuid::text", [S.post(20)])
        let before = try Self.snapshot(db, S.post(20))
        let record = try Self.write(db, .save(PostEdit(text: .set("fixed a typo"))), S.post(20), before.updatedAt)
        #expect(try record.job == .created && (Self.pendingJobs(db, S.post(20))) == [#require(before.scheduledAt)])
    }

    @Test func mediaAndAccountsChangeOnlyWhereTheUserAddedOrRemovedThem() throws {
        let db = try Self.makeDatabase()
        let before = try Self.snapshot(db, S.post(20))
        let file = NewMedia(info: MediaInfo(path: "/tmp/shoe.png", format: .png, byteSize: 1234, width: 1080, height: 1080))
        let added = try Self.write(db, .save(PostEdit(removedAccounts: [S.acmeLinkedIn], addedMedia: [file])), S.post(20), before.updatedAt)
        let after = try #require(added.after)
        #expect(after.accountIDs == [S.acmeInstagram])
        #expect(after.media.map(\.path) == ["s3://x/a.jpg", "/tmp/shoe.png"] && after.media[1].id == file.id)
        #expect(after.media[1].width == 1080 && after.media[1].mimeType == "image/png")
        // The same attachment sent again (a retried save) is not attached twice.
        let retried = try Self.write(db, .save(PostEdit(addedMedia: [file])), S.post(20), added.stamp)
        #expect(retried.after?.media.count == 2)
    }

    @Test func aStaleStampIsRefusedWithTheCurrentPostAndNothingChanges() throws {
        let db = try Self.makeDatabase()
        let loaded = try Self.snapshot(db, S.post(20))
        try db.execute("UPDATE posts SET content = 'theirs' WHERE id = $1::uuid", [S.post(20)])
        let storedBefore = try Self.stored(db, S.post(20))
        guard case .refused(let refusal) = try db.run(PostWrites.write(.save(PostEdit(text: .set("mine"))), to: S.post(20),
                                                                      expecting: loaded.updatedAt)) else {
            Issue.record("a stale write was not refused"); return
        }
        #expect(refusal.reason == .changedElsewhere && refusal.current?.content == "theirs")
        #expect(try Self.stored(db, S.post(20)) == storedBefore)
    }

    @Test func refusalsNameTheirReason() throws {
        let db = try Self.makeDatabase()
        let published = try Self.snapshot(db, S.post(22))
        #expect(try Self.refusal(db, .save(PostEdit(text: .set("x"))), S.post(22), published.updatedAt) == .notEditable(.published))
        let scheduled = try Self.snapshot(db, S.post(20))
        #expect(try Self.refusal(db, .move(to: Date().addingTimeInterval(-60)), S.post(20), scheduled.updatedAt) == .notInFuture)
        #expect(try Self.refusal(db, .save(PostEdit(time: .set(nil))), S.post(20), scheduled.updatedAt) == .noTime)
        #expect(try Self.refusal(db, .save(PostEdit(addedAccounts: [S.sakuraTikTok])), S.post(20), scheduled.updatedAt) == .foreignAccount)
        let draft = try Self.snapshot(db, S.post(21))
        #expect(try Self.refusal(db, .unschedule, S.post(21), draft.updatedAt) == .notScheduled)
        #expect(try Self.refusal(db, .cancel, PostID.random(), Date()) == .notFound)
    }

    @Test func aRetriedFirstSaveUpdatesTheSamePostAndAnEditedOneIsNotTaken() throws {
        let db = try Self.makeDatabase()
        let id = PostID.random()
        let create = PostChange.create(client: S.acme, PostEdit(text: .set("hello"), addedAccounts: [S.acmeInstagram]))
        try Self.write(db, create, id, nil)
        let retry = try Self.write(db, create, id, nil)
        #expect(retry.before == nil)
        #expect(try db.execute("SELECT count(*)::int AS n FROM post_platforms WHERE post_id = $1::uuid", [id]).first?.decode("n", as: Int.self) == 1)
        try db.execute("UPDATE posts SET content = 'edited since' WHERE id = $1::uuid", [id])
        #expect(try Self.refusal(db, create, id, nil) == .exists)
    }

    @Test func duplicateCopiesTextCampaignAccountsAndMediaIntoADraft() throws {
        let db = try Self.makeDatabase()
        let campaign = try #require(try db.execute("""
            INSERT INTO campaigns (client_id, name, status) VALUES ($1::uuid, 'Old campaign', 'completed') RETURNING id
            """, [S.acme]).first?.decode("id", as: CampaignID.self))
        try db.execute("UPDATE posts SET campaign_id = $2::uuid WHERE id = $1::uuid", [S.post(20), campaign])
        let source = try Self.snapshot(db, S.post(20))
        let copy = PostID.random()
        let record = try Self.write(db, .duplicate(copy: copy), S.post(20), nil)
        let after = try #require(record.after)
        #expect(record.post == copy && record.before == nil && after.id == copy)
        #expect(after.status == .draft && after.content == source.content && after.variations == source.variations)
        #expect(after.campaignID == campaign && after.accountIDs == source.accountIDs)
        #expect(after.media.map(\.path) == source.media.map(\.path) && after.media.map(\.id) != source.media.map(\.id))
        #expect(try after.scheduledAt == source.scheduledAt && (Self.pendingJobs(db, copy)).isEmpty)
    }

    @Test func undoRestoresExactlyAndRedoGoesForwardAgainWithOwnStamps() throws {
        let db = try Self.makeDatabase()
        let original = try #require(try Self.stored(db, S.post(20)))
        let loaded = try Self.snapshot(db, S.post(20))
        let jobs = try Self.pendingJobs(db, S.post(20))
        // Two moves, then two undos: each undo is guarded by the stamp our own last write left.
        let first = try Self.write(db, .move(to: try #require(loaded.scheduledAt).addingTimeInterval(86_400)), S.post(20), loaded.updatedAt)
        let second = try Self.write(db, .move(to: try #require(loaded.scheduledAt).addingTimeInterval(2 * 86_400)), S.post(20),
                                    first.stamp)
        let undoSecond = try Self.write(db, .restore(from: second.after, to: second.before), S.post(20), second.stamp)
        let undoFirst = try Self.write(db, .restore(from: first.after, to: first.before), S.post(20), undoSecond.stamp)
        #expect(try Self.stored(db, S.post(20)) == original)
        #expect(try Self.pendingJobs(db, S.post(20)) == jobs)
        // Redo.
        try Self.write(db, .restore(from: first.before, to: first.after), S.post(20), undoFirst.stamp)
        #expect(try Self.snapshot(db, S.post(20)).scheduledAt == first.after?.scheduledAt)
    }

    @Test func undoOfAnEditPutsBackRemovedAccountsAndMediaAndLeavesOthersRows() throws {
        let db = try Self.makeDatabase()
        let original = try #require(try Self.stored(db, S.post(20)))
        let loaded = try Self.snapshot(db, S.post(20))
        let edit = PostEdit(text: .set("rewritten"), variations: .set([:]), removedAccounts: [S.acmeLinkedIn],
                            removedMedia: loaded.media.map(\.id))
        let record = try Self.write(db, .save(edit), S.post(20), loaded.updatedAt)
        #expect(record.after?.media.isEmpty == true && record.after?.accountIDs == [S.acmeInstagram])
        // Someone else attaches a file in between (it does not touch the post row).
        try db.execute("""
            INSERT INTO media_files (post_id, filename, original_filename, mime_type, media_type, file_size, storage_path)
            VALUES ($1::uuid, 'b.jpg', 'b.jpg', 'image/jpeg', 'image', 1, 's3://x/b.jpg')
            """, [S.post(20)])
        try Self.write(db, .restore(from: record.after, to: record.before), S.post(20), record.stamp)
        let restored = try Self.snapshot(db, S.post(20))
        #expect(restored.media.map(\.path).sorted() == ["s3://x/a.jpg", "s3://x/b.jpg"])
        try db.execute("DELETE FROM media_files WHERE storage_path = 's3://x/b.jpg'")
        #expect(try Self.stored(db, S.post(20)) == original)
    }

    @Test func undoOfACreationDeletesThePostAndRedoBringsItBackWithItsId() throws {
        let db = try Self.makeDatabase()
        let id = PostID.random()
        let created = try Self.write(db, .createScheduled(client: S.acme, PostEdit(text: .set("new"), addedAccounts: [S.acmeInstagram]),
                                                         at: Date().addingTimeInterval(86_400).rounded()), id, nil)
        #expect(try Self.pendingJobs(db, id).count == 1)
        let storedCreated = try Self.stored(db, id)
        let undone = try Self.write(db, .restore(from: created.after, to: nil), id, created.stamp)
        #expect(try undone.after == nil && (Self.stored(db, id)) == nil)
        #expect(try db.execute("SELECT count(*)::int AS n FROM scheduled_jobs WHERE job_data->>'post_id' = $1::uuid::text AND status = 'pending'",
                               [id]).first?.decode("n", as: Int.self) == 0)
        let redone = try Self.write(db, .restore(from: nil, to: created.after), id, nil)
        #expect(try Self.stored(db, id) == storedCreated)
        #expect(try redone.job == .created && (Self.pendingJobs(db, id)).count == 1)
    }

    @Test func textWithANulByteIsRefusedBeforeItReachesTheDatabase() throws {
        #expect(throws: PostTextError.nul(field: .content, byteOffset: 5)) {
            _ = try PostWrites.write(.create(client: S.acme, PostEdit(text: .set("hello\0world"))), to: .random(), expecting: nil)
        }
    }

    @Test func theDatabaseRefusesASecondPendingPublishJobForOnePost() throws {
        let db = try Self.makeDatabase()
        #expect(throws: StoreError.self) {
            try db.execute("INSERT INTO scheduled_jobs (job_type, job_data, status, scheduled_for) VALUES ('post_publish', $1::jsonb, 'pending', now())",
                           [JSONText("{\"post_id\": \"\(S.post(20))\"}")])
        }
    }
}

extension Date {
    /// Whole seconds, so a round trip through timestamptz compares equal.
    func rounded() -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
