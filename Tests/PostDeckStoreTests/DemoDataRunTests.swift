import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// How a seeding run behaves: determinism, refusal, force, scale, progress.
@Suite struct DemoDataRunTests {
    static let now = DemoDataTests.now

    static func migratedDatabase() throws -> Connection {
        let db = try TestDatabase.migrated().connect()
        return db
    }

    /// A digest of every generated table's full content, ids and timestamps included.
    static func fingerprint(_ db: Connection) throws -> [String: String] {
        var digests: [String: String] = [:]
        for table in DemoData.tables {
            digests[table] = try db.execute("SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') AS d FROM \(table) t")
                .first?.decode("d", as: String.self)
        }
        return digests
    }

    @Test func theSameSeedGivesTheSameRowsAndAnotherSeedOtherRows() throws {
        // DemoDataTests' shared database holds seed 1 at the same `now`.
        let reference = try Self.fingerprint(DemoDataTests.connect())
        let same = try Self.migratedDatabase(), other = try Self.migratedDatabase()
        try DemoData.seed(on: same, options: .init(randomSeed: 1, now: Self.now))
        try DemoData.seed(on: other, options: .init(randomSeed: 8, now: Self.now))
        #expect(try Self.fingerprint(same) == reference)
        let digest = try Self.fingerprint(other)
        for table in ["clients", "accounts", "posts", "post_platforms", "post_analytics"] {
            #expect(digest[table] != reference[table], "\(table)")
        }
    }

    @Test func seedingADatabaseWithPostsIsRefusedUnlessForcedAndForceReplacesThem() throws {
        let db = try Self.migratedDatabase()
        let first = try DemoData.seed(on: db, options: .init(randomSeed: 3, now: Self.now))
        let digest = try Self.fingerprint(db)
        #expect {
            try DemoData.seed(on: db, options: .init(randomSeed: 3, now: Self.now))
        } throws: { error in
            guard case StoreError.invalid(let message) = error else { return false }
            return message.contains("already has \(first.posts) posts") && message.contains("--force")
        }
        #expect(try Self.fingerprint(db) == digest, "a refused run leaves the data alone")
        let again = try DemoData.seed(on: db, options: .init(randomSeed: 3, now: Self.now, force: true))
        #expect(again == first)
        #expect(try Self.fingerprint(db) == digest)
    }

    @Test func anUnmigratedDatabaseIsToldToMigrate() throws {
        let db = try TestDatabase.make().connect()
        #expect {
            try DemoData.seed(on: db, options: .init(now: Self.now))
        } throws: { error in
            guard case StoreError.invalid(let message) = error else { return false }
            return message.contains("postdeck migrate")
        }
    }

    /// One scaled run on one connection (shape, progress, no orphans although the triggers
    /// were skipped) and the same on two connections (the same rows).
    @Test func aScaledRunHasTheDemoShapeAtTheRequestedSizeWhateverTheConnections() throws {
        let db = try Self.migratedDatabase()
        var reports: [DemoData.Progress] = []
        let summary = try DemoData.seed(on: db, options: .init(randomSeed: 5, now: Self.now, scale: 2000) { reports.append($0) })
        #expect(summary.posts == 2000)
        #expect(summary.clients == 10 && summary.agencies == 2)
        #expect((4000...6000).contains(summary.postPlatforms), "2 to 3 accounts per post")
        let published = try DemoDataTests.count(db, "SELECT count(*) AS n FROM post_platforms WHERE status = 'published'")
        // 4 metrics × 2–3 snapshots per published post_platform, plus a few duplicates.
        #expect(Double(summary.postAnalytics) / Double(published) > 8 && Double(summary.postAnalytics) / Double(published) < 13)
        #expect(try DemoDataTests.count(db, "SELECT count(DISTINCT status) AS n FROM posts") == PostStatus.allCases.count)
        let first = try db.execute("SELECT min(scheduled_at) AS t FROM posts").first?.decode("t", as: Date.self) ?? Self.now
        #expect(Self.now.timeIntervalSince(first) > 3 * 360 * 86_400, "three years of history")
        #expect(reports.count >= 3, "after the small tables and after each chunk")
        #expect(reports.last?.postsDone == 2000 && reports.last?.rowsDone == summary.total)
        #expect(reports.map(\.postsDone) == reports.map(\.postsDone).sorted())
        let orphans = """
            SELECT (SELECT count(*) FROM post_platforms pp WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = pp.post_id))
                 + (SELECT count(*) FROM post_platforms pp WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = pp.account_id))
                 + (SELECT count(*) FROM post_analytics x WHERE NOT EXISTS (SELECT 1 FROM post_platforms pp WHERE pp.id = x.post_platform_id))
                 + (SELECT count(*) FROM media_files m WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = m.post_id))
                 + (SELECT count(*) FROM posts p WHERE p.campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = p.campaign_id))
                 + (SELECT count(*) FROM posts p WHERE p.template_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM post_templates t WHERE t.id = p.template_id))
                 + (SELECT count(*) FROM scheduled_jobs j WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.id::text = j.job_data->>'post_id'))
                 AS n
            """
        #expect(try DemoDataTests.count(db, orphans) == 0)

        let parallel = try TestDatabase.migrated()
        let again = try DemoData.seed(conninfo: parallel.conninfo, options: .init(randomSeed: 5, now: Self.now, scale: 2000, workers: 2))
        #expect(again == summary)
        #expect(try Self.fingerprint(parallel.connect()) == Self.fingerprint(db))
    }

    @Test func aNonPositiveScaleIsRefused() throws {
        let db = try Self.migratedDatabase()
        #expect(throws: StoreError.self) { try DemoData.seed(on: db, options: .init(now: Self.now, scale: 0)) }
    }
}
