import Foundation
import Testing
import PostDeckStore
import PostDeckTestSupport

/// `post_performance_summary`: the seed multiplies and sums snapshots; migration 2 counts
/// each metric of each post_platform once, with its latest snapshot.
@Suite struct PerformanceViewTests {
    struct Summary: Equatable, CustomStringConvertible {
        var platforms: Int, published: Int, likes: Int, shares: Int, comments: Int, views: Int
        var description: String { "\(platforms) platforms, \(published) published, \(likes)/\(shares)/\(comments)/\(views)" }
    }

    private func summaries(_ db: Connection) throws -> [UUID: Summary] {
        var result: [UUID: Summary] = [:]
        for row in try db.execute("SELECT * FROM post_performance_summary").rows {
            let id = try row.decode("post_id", as: UUID.self)
            #expect(result[id] == nil, "one row per post")
            result[id] = Summary(
                platforms: try row.decode("platform_count", as: Int.self), published: try row.decode("published_count", as: Int.self),
                likes: try row.decode("total_likes", as: Int.self), shares: try row.decode("total_shares", as: Int.self),
                comments: try row.decode("total_comments", as: Int.self), views: try row.decode("total_views", as: Int.self))
        }
        return result
    }

    @Test func eachMetricOfEachPlatformCountsOnceWithItsLatestSnapshot() throws {
        let db = try TestDatabase.make().connect()
        try Migrator.migrate(db, migrations: [Migrations.all[0]])
        let client = try db.makeClient("Acme")
        let linkedin = try db.makeAccount(client: client, platform: "linkedin")
        let instagram = try db.makeAccount(client: client, platform: "instagram")
        let tiktok = try db.makeAccount(client: client, platform: "tiktok")

        // Three platforms, one failed; several snapshots per metric, some stored twice.
        let launch = try db.makePost(client: client, content: "launch")
        let onLinkedIn = try db.makePostPlatform(post: launch, account: linkedin)
        let onInstagram = try db.makePostPlatform(post: launch, account: instagram)
        _ = try db.makePostPlatform(post: launch, account: tiktok, status: "failed")
        try db.record("likes", 10, daysAgo: 3, on: onLinkedIn)
        try db.record("likes", 25, daysAgo: 2, on: onLinkedIn)
        try db.record("likes", 40, daysAgo: 1, on: onLinkedIn)
        try db.record("shares", 2, daysAgo: 3, on: onLinkedIn)
        try db.record("shares", 5, daysAgo: 1, on: onLinkedIn)
        try db.record("comments", 1, daysAgo: 2, on: onLinkedIn)
        try db.record("views", 100, daysAgo: 3, on: onLinkedIn)
        try db.record("views", 300, daysAgo: 1, on: onLinkedIn)
        try db.record("views", 300, daysAgo: 1, on: onLinkedIn)    // the same snapshot stored twice
        try db.record("likes", 7, daysAgo: 2, on: onInstagram)
        try db.record("likes", 7, daysAgo: 2, on: onInstagram)     // again
        try db.record("shares", 3, daysAgo: 1, on: onInstagram)
        try db.record("shares", 4, daysAgo: 1, on: onInstagram)    // same instant: the larger counter is the later
        try db.record("views", 50, daysAgo: 2, on: onInstagram)
        try db.record("saves", 99, daysAgo: 1, on: onInstagram)    // not a metric the view shows

        let quiet = try db.makePost(client: client, content: "no platforms yet")
        let single = try db.makePost(client: client, content: "one platform")
        try db.record("likes", 5, daysAgo: 1, on: try db.makePostPlatform(post: single, account: linkedin))
        let draft = try db.makePost(client: client, status: "draft", content: "draft")
        try db.record("likes", 1000, daysAgo: 1, on: try db.makePostPlatform(post: draft, account: linkedin, status: "pending"))

        let seed = try summaries(db)
        // The seed joins every metric's snapshots with every other's: 3x2x1x3 rows for
        // LinkedIn, 2x2x1x1 for Instagram, 1 for TikTok.
        #expect(seed[launch] == Summary(platforms: 23, published: 22, likes: 478, shares: 77, comments: 18, views: 4400))

        try Migrator.migrate(db)
        let fixed = try summaries(db)
        #expect(Set(fixed.keys) == [launch, quiet, single])
        #expect(fixed[launch] == Summary(platforms: 3, published: 2, likes: 47, shares: 9, comments: 1, views: 350))
        #expect(fixed[quiet] == Summary(platforms: 0, published: 0, likes: 0, shares: 0, comments: 0, views: 0))
        #expect(fixed[single] == Summary(platforms: 1, published: 1, likes: 5, shares: 0, comments: 0, views: 0))
        #expect(seed[quiet] == fixed[quiet] && seed[single] == fixed[single], "without fan-out the seed was right")
    }

    @Test func rowsCarryTheirClientSoSameNamedClientsStayApart() throws {
        let db = try TestDatabase.migrated().connect()
        let berlin = try db.makeClient("Acme")
        let tokyo = try db.makeClient("Acme", timeZone: "Asia/Tokyo")
        let berlinPost = try db.makePost(client: berlin)
        let tokyoPost = try db.makePost(client: tokyo)
        let rows = try db.execute("SELECT post_id, client_name FROM post_performance_summary WHERE client_id = $1::uuid", [tokyo]).rows
        #expect(try rows.map { try $0.decode("post_id", as: UUID.self) } == [tokyoPost])
        #expect(try rows.map { try $0.decode("client_name", as: String.self) } == ["Acme"])
        #expect(try db.execute("SELECT client_id FROM post_performance_summary WHERE post_id = $1::uuid", [berlinPost])
            .first?.decode("client_id", as: UUID.self) == berlin)
    }

    @Test func aClientFilterIsAppliedWhereThePostsAreReadAndSnapshotsComeFromTheIndex() throws {
        let db = try TestDatabase.migrated().connect()
        let client = try db.makeClient("Acme")
        for index in 1...20 { _ = try db.makeClient("Client \(index)") }
        // Enough rows that the planner has something to choose between.
        try db.executeScript("""
            INSERT INTO posts (client_id, status, content, published_at)
            SELECT c.id, 'published', 'post ' || i, now() - make_interval(hours => i)
            FROM clients c, generate_series(1, 200) i;
            ANALYZE;
            """)
        for query in ["SELECT * FROM post_performance_summary WHERE client_id = '\(client.uuidString.lowercased())'",
                      "SELECT * FROM post_performance_summary WHERE client_id = '\(client.uuidString.lowercased())' ORDER BY published_at DESC LIMIT 50"] {
            // The test's tables are small; without sequential scans the planner shows the
            // plan it picks for tables too big to read whole.
            let plan = try db.transaction { db in
                try db.execute("SET LOCAL enable_seqscan = off")
                return try db.execute("EXPLAIN " + query).rows.map { try $0.decode("QUERY PLAN", as: String.self) }
            }
            let text = plan.joined(separator: "\n")
            // The node that reads posts carries the client condition itself (as an index
            // condition or a filter): the view is not computed for every client first.
            let postsNode = try #require(plan.firstIndex { $0.contains(" on posts p ") }, "\(text)")
            let conditions = plan[(postsNode + 1)...].prefix { !$0.contains("->") }
            #expect(conditions.contains { $0.contains("client_id = ") }, "\(text)")
            #expect(!text.contains("Subquery Scan"), "\(text)")
            #expect(!text.contains("Seq Scan on post_analytics"), "\(text)")
            // Migration 5's index answers each probe from the index alone.
            #expect(text.contains("Index Only Scan using idx_post_analytics_latest"), "\(text)")
        }
    }
}
