import Foundation
import Testing
import PostDeckCore
@testable import PostDeckStore
import PostDeckTestSupport

/// Imports against a real PostgreSQL: one statement through the write path, the same rows
/// as the composer's writes, re-imports that add nothing and change only what changed, and
/// writes refused as a whole.
@Suite struct PostImportTests {
    typealias S = CalendarScenario

    static func makeDatabase() throws -> Connection {
        let db = try TestDatabase.migrated().connect()
        try S.install(on: db)
        return db
    }

    /// A 1080 x 1080 PNG header, enough for the media sniffer (Instagram needs an image).
    static func image() throws -> String {
        func be32(_ v: Int) -> [UInt8] { (0..<4).reversed().map { UInt8(v >> (8 * $0) & 0xFF) } }
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be32(13) + Array("IHDR".utf8) + be32(1080) + be32(1080)
            + [8, 6, 0, 0, 0] + [0, 0, 0, 0] + [UInt8](repeating: 0, count: 64)
        let path = NSTemporaryDirectory() + "postdeck-import-\(UUID().uuidString).png"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Days ahead of now in New York, as the file writes them.
    static func ahead(days: Int, at time: String = "09:00") -> String {
        let ny = try! DisplayZone(named: "America/New_York")
        return "\(ny.localDate(of: Date()).adding(days: days)) \(time)"
    }

    static func file(_ image: String) -> String {
        """
        client,accounts,date,content,content_instagram,media,hashtags,first_comment,status
        Acme Outdoor,instagram:acme.outdoor linkedin:acme-outdoor,\(ahead(days: 10)),"Trail day 🏔️
        雪の山道へ","IG: trail day 📸",\(image),#trail #snow,First comment,
        Acme Outdoor,linkedin:acme-outdoor,\(ahead(days: 11)),Second post,,,,,draft
        Acme Outdoor,linkedin:acme-outdoor,\(ahead(days: 12)),Third post,,,,,

        """
    }

    static func prepare(_ csv: String, on db: Connection, source: String = "june.csv") throws -> ImportPlan {
        try PostImport.prepare(Array(csv.utf8), options: ImportOptions(source: source), rules: .standard, on: db)
    }

    @discardableResult
    static func write(_ plan: ImportPlan, on db: Connection) throws -> ImportWriteResult {
        #expect(plan.isClean, "\(plan.problems)")
        return try db.run(PostImport.write(plan))
    }

    static func count(_ db: Connection, _ sql: String, _ parameters: [(any SQLParameter)?] = []) throws -> Int {
        try db.execute(sql, parameters).first!.decode("n", as: Int.self)
    }

    /// Every post of Acme as the database prints it (without `updated_at`), by id.
    static func stored(_ db: Connection) throws -> [String] {
        try db.execute("""
            SELECT (postdeck_post_snapshot(id) - 'updated_at')::text AS s FROM posts WHERE client_id = $1::uuid ORDER BY id
            """, [S.acme]).rows.map { try $0.decode("s", as: String.self) }
    }

    static func pendingJobs(_ db: Connection, _ post: PostID) throws -> [Date] {
        try db.execute("""
            SELECT scheduled_for FROM scheduled_jobs
            WHERE job_data->>'post_id' = $1::uuid::text AND status = 'pending' AND job_type = 'post_publish'
            """, [post]).rows.map { try $0.decode("scheduled_for") }
    }

    @Test func aCleanFileWritesPostsAccountsMediaAndOnePublishJobPerScheduledPost() throws {
        let db = try Self.makeDatabase()
        let image = try Self.image()
        let before = try Self.count(db, "SELECT count(*)::int AS n FROM posts")
        let plan = try Self.prepare(Self.file(image), on: db)
        #expect(plan.rows.map(\.action) == [.create, .create, .create])
        let result = try Self.write(plan, on: db)
        #expect(result.written && result.jobsCreated == 2)
        #expect(try Self.count(db, "SELECT count(*)::int AS n FROM posts") == before + 3)

        let first = try #require(try db.run(PostWrites.snapshot(of: plan.rows[0].post)))
        #expect(first.status == .scheduled && first.scheduledAt == plan.rows[0].time)
        #expect(first.content == "Trail day 🏔️\n雪の山道へ" && first.variations == [.instagram: "IG: trail day 📸"])
        #expect(Set(first.accountIDs) == [S.acmeInstagram, S.acmeLinkedIn])
        #expect(first.media.map(\.path) == [image] && first.media.first?.mimeType == "image/png" && first.media.first?.width == 1080)
        #expect(first.settings == PostSettings(hashtags: ["#trail", "#snow"], firstComment: "First comment"))
        #expect(try Self.pendingJobs(db, first.id) == [try #require(first.scheduledAt)])
        let draft = try #require(try db.run(PostWrites.snapshot(of: plan.rows[1].post)))
        #expect(draft.status == .draft && draft.scheduledAt == plan.rows[1].time, "a dated draft keeps its planned time")
        #expect(try Self.pendingJobs(db, draft.id).isEmpty)
        let marker = try db.execute("SELECT post_settings->'postdeck_import'->>'key' AS k, post_settings->'postdeck_import'->>'post' AS p FROM posts WHERE id = $1::uuid",
                                    [first.id]).first
        #expect(try marker?.decode("k", as: String.self) == "june.csv#1")
        #expect(try marker?.decode("p", as: String.self) == first.id.description)
    }

    @Test func theImportWritesTheRowsTheComposersWritesWouldOneByOne() throws {
        let image = try Self.image()
        let imported = try Self.makeDatabase()
        let plan = try Self.prepare(Self.file(image), on: imported)
        try Self.write(plan, on: imported)
        let oneByOne = try Self.makeDatabase()
        for row in plan.rows {
            for write in row.writes {
                guard case .done = try oneByOne.run(PostWrites.write(write.change, to: write.post, expecting: write.expected)) else {
                    Issue.record("row \(row.row) refused"); return
                }
            }
        }
        // Everything but the moments of writing and the rows' own ids; the import adds its marker and nothing else.
        let comparable = """
            SELECT p.id, p.status, p.content, p.content_variations, p.post_settings - 'postdeck_import' AS settings, p.scheduled_at,
                   p.campaign_id, p.template_id,
                   (SELECT array_agg(pp.account_id::text || pp.status::text ORDER BY pp.account_id) FROM post_platforms pp WHERE pp.post_id = p.id) AS accounts,
                   (SELECT array_agg(m.id::text || m.storage_path || m.mime_type || m.file_size || coalesce(m.dimensions::text, '') ORDER BY m.id)
                    FROM media_files m WHERE m.post_id = p.id) AS media,
                   (SELECT array_agg(j.status::text || j.scheduled_for::text || (j.job_data - 'account_ids')::text ORDER BY j.id)
                    FROM scheduled_jobs j WHERE j.job_data->>'post_id' = p.id::text) AS jobs
            FROM posts p WHERE p.id = ANY($1::uuid[]) ORDER BY p.id
            """
        let ids = SQLArray(plan.rows.map(\.post))
        let a = try imported.execute("SELECT array_agg(t::text)::text AS rows FROM (\(comparable)) t", [ids]).first!.decode("rows", as: String.self)
        let b = try oneByOne.execute("SELECT array_agg(t::text)::text AS rows FROM (\(comparable)) t", [ids]).first!.decode("rows", as: String.self)
        #expect(a == b)
        #expect(a.contains("Trail day"))
    }

    @Test func importingTheSameFileAgainAddsAndChangesNothing() throws {
        let db = try Self.makeDatabase()
        let csv = try Self.file(Self.image())
        try Self.write(Self.prepare(csv, on: db), on: db)
        let posts = try Self.stored(db)
        let jobs = try Self.count(db, "SELECT count(*)::int AS n FROM scheduled_jobs")
        let again = try Self.prepare(csv, on: db)
        #expect(again.isClean && again.rows.map(\.action) == [.unchanged, .unchanged, .unchanged])
        #expect(again.changing.isEmpty)
        #expect(try Self.stored(db) == posts)
        #expect(try Self.count(db, "SELECT count(*)::int AS n FROM scheduled_jobs") == jobs)
    }

    @Test func aCorrectedFileChangesOnlyWhatChangedAndKeepsTheComposersEdits() throws {
        let db = try Self.makeDatabase()
        let csv = try Self.file(Self.image())
        let plan = try Self.prepare(csv, on: db)
        try Self.write(plan, on: db)
        // In the composer, post 2 gets a first comment (a settings save): the marker stays.
        let second = try #require(try db.run(PostWrites.snapshot(of: plan.rows[1].post)))
        guard case .done = try db.run(PostWrites.write(.save(PostEdit(settings: .set(PostSettings(firstComment: "added in the composer")))),
                                                       to: second.id, expecting: second.updatedAt)) else { Issue.record("save refused"); return }
        #expect(try Self.count(db, "SELECT count(*)::int AS n FROM posts WHERE id = $1::uuid AND post_settings ? 'postdeck_import'", [second.id]) == 1)
        let first = try #require(try db.run(PostWrites.snapshot(of: plan.rows[0].post)))

        // The file: row 2's text corrected, row 3 a day later.
        let corrected = csv.replacingOccurrences(of: "Second post", with: "Second post (corrected)")
            .replacingOccurrences(of: "\(Self.ahead(days: 12)),Third", with: "\(Self.ahead(days: 13)),Third")
        let again = try Self.prepare(corrected, on: db)
        #expect(again.isClean, "\(again.problems)")
        #expect(again.rows.map(\.action) == [.unchanged, .update, .update])
        #expect(again.rows.map(\.changed) == [[], [.content], [.time]])
        let result = try Self.write(again, on: db)
        #expect(result.written)

        let secondAfter = try #require(try db.run(PostWrites.snapshot(of: second.id)))
        #expect(secondAfter.content == "Second post (corrected)")
        #expect(secondAfter.settings.firstComment == "added in the composer", "the composer's edit survives the re-import")
        let third = try #require(try db.run(PostWrites.snapshot(of: plan.rows[2].post)))
        #expect(third.scheduledAt == again.rows[2].time && third.status == .scheduled)
        #expect(try Self.pendingJobs(db, third.id) == [try #require(third.scheduledAt)], "the publish job moved with it")
        #expect(try db.run(PostWrites.snapshot(of: first.id))?.updatedAt == first.updatedAt, "row 1 was not written at all")
        #expect(try Self.prepare(corrected, on: db).changing.isEmpty, "and once more, nothing")
    }

    @Test func aPostPublishedSinceIsLeftAloneAndAChangeToItsRowIsAProblem() throws {
        let db = try Self.makeDatabase()
        let csv = try Self.file(Self.image())
        let plan = try Self.prepare(csv, on: db)
        try Self.write(plan, on: db)
        try db.execute("UPDATE posts SET status = 'published', published_at = now() WHERE id = $1::uuid", [plan.rows[2].post])
        #expect(try Self.prepare(csv, on: db).rows.map(\.action) == [.unchanged, .unchanged, .unchanged])
        let changed = try Self.prepare(csv.replacingOccurrences(of: "Third post", with: "Third post!"), on: db)
        #expect(changed.problems.map(\.place) == ["row 3"])
        #expect(changed.problems.first?.message.contains("the post is published") == true)
    }

    @Test func aWriteRefusedByTheDatabaseWritesNothingAtAll() throws {
        let db = try Self.makeDatabase()
        let csv = try Self.file(Self.image())
        let plan = try Self.prepare(csv, on: db)
        try Self.write(plan, on: db)
        let corrected = csv.replacingOccurrences(of: "Second post", with: "Second post (corrected)") + "Acme Outdoor,linkedin:acme-outdoor,\(Self.ahead(days: 20)),Fourth,,,,,\n"
        let again = try Self.prepare(corrected, on: db)
        #expect(again.rows.map(\.action) == [.unchanged, .update, .unchanged, .create])
        // Someone saves post 2 between the check and the write.
        let second = try #require(try db.run(PostWrites.snapshot(of: plan.rows[1].post)))
        _ = try db.run(PostWrites.write(.save(PostEdit(text: .set("someone else"))), to: second.id, expecting: second.updatedAt))
        let posts = try Self.count(db, "SELECT count(*)::int AS n FROM posts")
        let result = try db.run(PostImport.write(again))
        #expect(!result.written)
        #expect(result.problems.map(\.place) == ["row 2"])
        #expect(result.problems.first?.message.contains("someone else changed this post") == true)
        #expect(try Self.count(db, "SELECT count(*)::int AS n FROM posts") == posts, "the new row 4 was rolled back too")
        #expect(try db.run(PostWrites.snapshot(of: second.id))?.content == "someone else")

        // A new post whose id someone else takes first (the set-based create refuses it the same way).
        let taken = PostID.random()
        let named = try Self.prepare("id,client,accounts,date,content\n\(taken),Acme Outdoor,linkedin:acme-outdoor,\(Self.ahead(days: 21)),Mine\n"
                                     + "\(PostID.random()),Acme Outdoor,linkedin:acme-outdoor,\(Self.ahead(days: 22)),Also mine\n", on: db)
        #expect(named.rows.map(\.action) == [.create, .create])
        try db.execute("INSERT INTO posts (id, client_id, content) VALUES ($1::uuid, $2::uuid, 'theirs')", [taken, S.acme])
        let clash = try db.run(PostImport.write(named))
        #expect(clash.problems.map(\.description) == ["row 1: a post with this id already exists; nothing was written (nothing of the file was written: import it again)"])
        #expect(try Self.count(db, "SELECT count(*)::int AS n FROM posts") == posts + 1, "only their post")
    }

    @Test func aDuplicateMadeInTheComposerIsNotTakenForTheImportedPost() throws {
        let db = try Self.makeDatabase()
        let csv = try Self.file(Self.image())
        let plan = try Self.prepare(csv, on: db)
        try Self.write(plan, on: db)
        let copy = PostID.random()
        guard case .done = try db.run(PostWrites.write(.duplicate(copy: copy), to: plan.rows[1].post, expecting: nil)) else {
            Issue.record("duplicate refused"); return
        }
        #expect(try Self.count(db, "SELECT count(*)::int AS n FROM posts WHERE post_settings->'postdeck_import'->>'key' = 'june.csv#2'") == 2,
                "the copy carries the original's settings")
        let again = try Self.prepare(csv.replacingOccurrences(of: "Second post", with: "Second post (corrected)"), on: db)
        #expect(again.rows.map(\.post) == plan.rows.map(\.post))
        try Self.write(again, on: db)
        #expect(try db.run(PostWrites.snapshot(of: copy))?.content == "Second post", "the copy is left alone")
    }

    @Test func twoImportsOfOneFileAtOnceAddItsPostsOnce() throws {
        let db = try Self.makeDatabase()
        let csv = try Self.file(Self.image())
        let first = try Self.prepare(csv, on: db)
        let second = try Self.prepare(csv, on: db)
        let before = try Self.count(db, "SELECT count(*)::int AS n FROM posts")
        try Self.write(first, on: db)
        do {
            _ = try db.run(PostImport.write(second))
            Issue.record("the second import was written")
        } catch let error as StoreError {
            #expect(PostImport.describe(error).hasPrefix("another import wrote posts of this file at the same time"), "\(error)")
        }
        #expect(try Self.count(db, "SELECT count(*)::int AS n FROM posts") == before + 3)
    }

    @Test func exportedPostsImportBackIntoTheSamePosts() throws {
        let db = try Self.makeDatabase()
        let clients = try db.run(ClientQueries.all())
        let acme = try #require(clients.first { $0.id == S.acme })
        let choices = try db.run(ComposerQueries.choices(for: S.acme))
        let zone = try DisplayZone(named: "America/New_York")
        let posts = try db.run(PostExportQueries.posts(client: S.acme, range: nil, statuses: []))
        #expect(posts.count >= 5)
        var csv = CSVWriter(header: PostExport.columns.map(\.rawValue))
        for post in posts {
            let row = PostExport.row(post, client: acme, clients: clients, choices: choices, zone: zone)
            csv.append(PostExport.columns.map { row[$0] ?? "" })
        }
        let before = try Self.stored(db)
        // Post 20 is changed in the database since the export: importing it puts it back.
        let twenty = try #require(try db.run(PostWrites.snapshot(of: S.post(20))))
        _ = try db.run(PostWrites.write(.save(PostEdit(text: .set("changed since"))), to: twenty.id, expecting: twenty.updatedAt))
        let plan = try Self.prepare(csv.text, on: db, source: "export.csv")
        #expect(plan.isClean, "\(plan.problems)")
        #expect(plan.changing.map(\.post) == [S.post(20)], "only the changed post is written: \(plan.changing.map(\.row))")
        try Self.write(plan, on: db)
        let after = try Self.stored(db)
        #expect(after.count == before.count)
        let restored = try #require(try db.run(PostWrites.snapshot(of: S.post(20))))
        #expect(restored.content == twenty.content && restored.variations == twenty.variations && restored.scheduledAt == twenty.scheduledAt)
        #expect(restored.status == twenty.status && restored.accountIDs == twenty.accountIDs && restored.settings == twenty.settings)
    }
}
