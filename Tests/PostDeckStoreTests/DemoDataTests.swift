import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// What the demo set must contain for every pane to have something to show, checked on
/// one database seeded once (read-only tests share it) at a fixed `now`.
@Suite struct DemoDataTests {
    /// 2026-03-30 14:00 UTC: a Monday, the day after Europe's switch to summer time.
    static let now = Date(timeIntervalSince1970: 1_774_879_200)

    /// Seeded once for the whole suite; each test opens its own connection.
    static let seeded: Result<(database: TestDatabase, summary: DemoData.Summary), any Error> = Result {
        let database = try TestDatabase.migrated()
        let db = try database.connect()
        let summary = try DemoData.seed(on: db, options: .init(randomSeed: 1, now: now))
        return (database, summary)
    }

    static func connect() throws -> Connection { try seeded.get().database.connect() }

    /// Runs a query that returns one integer column `n`.
    static func count(_ db: Connection, _ sql: String, _ parameters: [(any SQLParameter)?] = []) throws -> Int {
        try db.execute(sql, parameters).first?.decode("n", as: Int.self) ?? -1
    }

    @Test func theSummaryCountsWhatIsStoredAndTheSizesAreTheDemoSizes() throws {
        let db = try Self.connect()
        let summary = try Self.seeded.get().summary
        #expect(summary.agencies == 2)
        #expect(summary.clients >= 8)
        #expect((400...600).contains(summary.posts))
        #expect(summary.postPlatforms > summary.posts)
        for (table, count) in summary.rows {
            #expect(try Self.count(db, "SELECT count(*) AS n FROM \(table)") == count, "\(table)")
        }
    }

    @Test func clientsLiveInRealTimeZonesOnThreeContinentsAndTwoShareAName() throws {
        let db = try Self.connect()
        let zones = try db.execute("SELECT DISTINCT preferences->>'timezone' AS tz FROM clients").rows
            .map { try $0.decode("tz", as: String.self) }
        for zone in zones {
            #expect(try Self.count(db, "SELECT count(*) AS n FROM pg_timezone_names WHERE name = $1", [zone]) == 1, "\(zone)")
        }
        for prefix in ["America/", "Europe/", "Asia/"] {
            #expect(zones.contains { $0.hasPrefix(prefix) }, "a client in \(prefix)")
        }
        #expect(zones.contains("America/New_York") && zones.contains("Europe/Berlin") && zones.contains("Asia/Tokyo"))
        #expect(try Self.count(db, """
            SELECT count(*) AS n FROM (SELECT name FROM clients GROUP BY name HAVING count(DISTINCT agency_id) > 1) shared
            """) >= 1)
    }

    @Test func accountsCoverEveryPlatformAndIncludeInactiveAndHostileOnes() throws {
        let db = try Self.connect()
        let platforms = try db.execute("SELECT DISTINCT platform FROM accounts").rows.map { try $0.decode("platform", as: Platform.self) }
        #expect(Set(platforms) == Set(Platform.allCases))
        #expect((1...3).contains(try Self.count(db, "SELECT count(*) AS n FROM accounts WHERE NOT active")))
        #expect(try Self.count(db, "SELECT count(*) AS n FROM accounts WHERE username LIKE '%' || chr(27) || ']52;%' AND username LIKE '%' || chr(8238) || '%'") == 1)
        // Every client can publish somewhere.
        #expect(try Self.count(db, "SELECT count(*) AS n FROM clients c WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.client_id = c.id AND a.active)") == 0)
    }

    @Test func tokensAreInEveryStateIncludingMissing() throws {
        let db = try Self.connect()
        func tokens(_ condition: String) throws -> Int {
            try Self.count(db, "SELECT count(*) AS n FROM platform_tokens WHERE \(condition)", [Self.now])
        }
        #expect(try tokens("expires_at < $1::timestamptz - interval '30 days'") >= 1, "expired months ago")
        #expect(try tokens("expires_at BETWEEN $1::timestamptz - interval '7 days' AND $1::timestamptz") >= 1, "expired days ago")
        #expect(try tokens("expires_at BETWEEN $1::timestamptz AND $1::timestamptz + interval '1 day'") >= 1, "expiring within hours")
        #expect(try tokens("expires_at BETWEEN $1::timestamptz + interval '1 day' AND $1::timestamptz + interval '7 days'") >= 1, "expiring within days")
        #expect(try tokens("expires_at > $1::timestamptz + interval '7 days'") >= 1, "healthy")
        #expect(try tokens("expires_at IS NULL AND $1::timestamptz IS NOT NULL") >= 1, "no expiry")
        #expect(try Self.count(db, "SELECT count(*) AS n FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM platform_tokens t WHERE t.account_id = a.id)") >= 1, "no token row")
    }

    @Test func postsAreInEveryStatusWithTheStatusTheirTimeImplies() throws {
        let db = try Self.connect()
        let rows = try db.execute("""
            SELECT status::text AS status,
                   count(*) FILTER (WHERE scheduled_at < $1::timestamptz - interval '1 hour') AS past,
                   count(*) FILTER (WHERE scheduled_at > $1::timestamptz) AS future,
                   count(*) FILTER (WHERE scheduled_at BETWEEN $1::timestamptz - interval '1 hour' AND $1::timestamptz) AS now,
                   count(*) AS n
            FROM posts GROUP BY status
            """, [Self.now]).rows
        var byStatus: [PostStatus: (past: Int, future: Int, now: Int, all: Int)] = [:]
        for row in rows {
            byStatus[try row.decode("status", as: PostStatus.self)] = (try row.decode("past", as: Int.self), try row.decode("future", as: Int.self),
                                                                       try row.decode("now", as: Int.self), try row.decode("n", as: Int.self))
        }
        #expect(Set(byStatus.keys) == Set(PostStatus.allCases))
        let published = byStatus[.published]?.all ?? 0, failed = byStatus[.failed]?.all ?? 0
        #expect(published > 3 * failed, "the past is mostly published")
        #expect(byStatus[.published]?.future == 0 && byStatus[.failed]?.future == 0)
        #expect(byStatus[.scheduled]?.past == 0 && (byStatus[.scheduled]?.future ?? 0) > 50)
        #expect((1...10).contains(byStatus[.publishing]?.now ?? 0) && byStatus[.publishing]?.all == byStatus[.publishing]?.now)
        #expect(try Self.count(db, "SELECT count(*) AS n FROM posts WHERE status = 'published' AND published_at IS NULL") == 0)
        let span = try db.execute("SELECT min(scheduled_at) AS first, max(scheduled_at) AS last FROM posts").first
        let first = try span?.decode("first", as: Date.self) ?? Self.now, last = try span?.decode("last", as: Date.self) ?? Self.now
        #expect(Self.now.timeIntervalSince(first) > 80 * 86_400 && Self.now.timeIntervalSince(first) < 95 * 86_400)
        #expect(last.timeIntervalSince(Self.now) > 50 * 86_400 && last.timeIntervalSince(Self.now) < 65 * 86_400)
    }

    @Test func postsGoToOneToThreeOfTheirClientsAccountsAndFailuresSayWhy() throws {
        let db = try Self.connect()
        #expect(try Self.count(db, """
            SELECT count(*) AS n FROM (SELECT post_id, count(*) AS k FROM post_platforms GROUP BY post_id) x WHERE k NOT BETWEEN 1 AND 3
            """) == 0)
        #expect(try Self.count(db, "SELECT count(*) AS n FROM posts p WHERE NOT EXISTS (SELECT 1 FROM post_platforms pp WHERE pp.post_id = p.id)") == 0)
        #expect(try Self.count(db, """
            SELECT count(*) AS n FROM post_platforms pp JOIN posts p ON p.id = pp.post_id JOIN accounts a ON a.id = pp.account_id
            WHERE a.client_id <> p.client_id
            """) == 0)
        #expect(try Self.count(db, "SELECT count(*) AS n FROM post_platforms WHERE status = 'published' AND (platform_post_id IS NULL OR published_at IS NULL)") == 0)
        #expect(try Self.count(db, "SELECT count(*) AS n FROM post_platforms WHERE status = 'failed' AND coalesce(error_message, '') = ''") == 0)
        let messages = try db.execute("SELECT DISTINCT error_message FROM post_platforms WHERE status = 'failed'").rows
            .map { try $0.decode("error_message", as: String.self) }
        #expect(messages.count >= 5)
        #expect(messages.contains { $0.hasPrefix("OAuthException") || $0.hasPrefix("LinkedIn API") || $0.hasPrefix("TikTok") })
    }

    @Test func everyScheduledPostHasExactlyOnePendingJobForItsTimeAndAccounts() throws {
        let db = try Self.connect()
        let scheduled = try Self.count(db, "SELECT count(*) AS n FROM posts WHERE status = 'scheduled'")
        #expect(scheduled > 0)
        #expect(try Self.count(db, """
            SELECT count(*) AS n FROM posts p
            WHERE p.status = 'scheduled' AND 1 = (
                SELECT count(*) FROM scheduled_jobs j
                WHERE j.status = 'pending' AND j.job_type = 'post_publish' AND j.job_data->>'post_id' = p.id::text
                  AND j.scheduled_for = p.scheduled_at
                  AND (SELECT array_agg(x ORDER BY x) FROM jsonb_array_elements_text(j.job_data->'account_ids') x)
                    = (SELECT array_agg(pp.account_id::text ORDER BY pp.account_id::text) FROM post_platforms pp WHERE pp.post_id = p.id))
            """) == scheduled)
        #expect(try Self.count(db, "SELECT count(*) AS n FROM scheduled_jobs WHERE status = 'pending'") == scheduled)
        #expect(try Self.count(db, "SELECT count(*) AS n FROM scheduled_jobs WHERE status = 'failed' AND attempts = max_attempts AND error_message IS NOT NULL") >= 1)
        #expect(try Self.count(db, "SELECT count(*) AS n FROM scheduled_jobs WHERE status = 'completed' AND completed_at IS NOT NULL") >= 1)
    }

    @Test func analyticsAreTimeSeriesOfLifetimeCountersWithSomeDuplicatedSnapshots() throws {
        let db = try Self.connect()
        #expect(try Self.count(db, "SELECT count(*) AS n FROM post_analytics WHERE recorded_at > $1::timestamptz", [Self.now]) == 0)
        let metrics = try db.execute("SELECT DISTINCT metric_name FROM post_analytics").rows.map { try $0.decode("metric_name", as: String.self) }
        #expect(Set(metrics).isSuperset(of: ["likes", "comments", "shares", "views"]))
        // Several snapshots per metric for most published post_platforms.
        #expect(try Self.count(db, """
            SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY k) AS n
            FROM (SELECT count(*) AS k FROM post_analytics GROUP BY post_platform_id, metric_name) x
            """) >= 4)
        // Counters never go down over time.
        #expect(try Self.count(db, """
            SELECT count(*) AS n FROM (
                SELECT metric_value < lag(metric_value) OVER (PARTITION BY post_platform_id, metric_name ORDER BY recorded_at) AS down
                FROM post_analytics) x WHERE down
            """) == 0)
        // The real-world defect the fixed view must tolerate: one snapshot stored twice.
        #expect(try Self.count(db, """
            SELECT count(*) AS n FROM (SELECT 1 FROM post_analytics GROUP BY post_platform_id, metric_name, recorded_at, metric_value
                                       HAVING count(*) > 1) d
            """) >= 3)
        #expect(try Self.count(db, """
            SELECT count(*) AS n FROM post_analytics a JOIN post_platforms pp ON pp.id = a.post_platform_id
            WHERE pp.status <> 'published' OR a.recorded_at < pp.published_at
            """) == 0)
    }

    @Test func contentHasEmojiCJKHashtagsAndCaptionsLongerThanPlatformsAllow() throws {
        let db = try Self.connect()
        let contents = try db.execute("SELECT content FROM posts").rows.map { try $0.decode("content", as: String.self) }
        #expect(contents.contains { $0.unicodeScalars.contains { $0.value == 0x200D } }, "a ZWJ sequence")
        #expect(contents.contains { $0.unicodeScalars.contains { (0x1F3FB...0x1F3FF).contains($0.value) } }, "a skin tone")
        #expect(contents.contains { $0.unicodeScalars.contains { (0x1F1E6...0x1F1FF).contains($0.value) } }, "a flag")
        #expect(contents.contains { $0.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) } }, "Japanese kana")
        #expect(contents.contains { $0.contains("新加坡") }, "Chinese")
        for mark in ["#", "@", "https://", "\n"] {
            #expect(contents.contains { $0.contains(mark) }, "\(mark)")
        }
        #expect(try Self.count(db, """
            SELECT count(*) AS n FROM posts p JOIN post_platforms pp ON pp.post_id = p.id JOIN accounts a ON a.id = pp.account_id
            WHERE a.platform = 'instagram' AND char_length(p.content) > 2200 AND p.status IN ('draft', 'scheduled')
            """) >= 1, "an Instagram caption the composer must flag")
        #expect(try Self.count(db, """
            SELECT count(*) AS n FROM posts p JOIN post_platforms pp ON pp.post_id = p.id JOIN accounts a ON a.id = pp.account_id
            WHERE a.platform = 'linkedin' AND char_length(p.content) BETWEEN 1500 AND 2900
            """) >= 2, "long LinkedIn articles")
        #expect(try Self.count(db, "SELECT count(*) AS n FROM posts WHERE content_variations ?| ARRAY['linkedin', 'instagram']") >= 10)
        #expect(try Self.count(db, "SELECT count(*) AS n FROM posts WHERE post_settings ? 'first_comment' AND post_settings ? 'hashtags'") >= 10)
        #expect(try Self.count(db, "SELECT count(*) AS n FROM posts WHERE post_settings ? 'mentions'") >= 10)
    }

    @Test func templatesCampaignsAndMediaLookReal() throws {
        let db = try Self.connect()
        for placeholder in ["{{client_name}}", "{{date}}", "{{product}}"] {
            #expect(try Self.count(db, "SELECT count(*) AS n FROM post_templates WHERE strpos(template_content, $1) > 0", [placeholder]) >= 1)
        }
        #expect(try Self.count(db, "SELECT count(*) AS n FROM posts WHERE template_id IS NOT NULL AND content NOT LIKE '%{{%'") >= 10)
        #expect(try Self.count(db, "SELECT count(DISTINCT status) AS n FROM campaigns") >= 4)
        #expect(try Self.count(db, "SELECT count(*) AS n FROM campaigns WHERE start_date IS NULL OR end_date < start_date") == 0)
        #expect(try Self.count(db, "SELECT count(*) AS n FROM posts WHERE campaign_id IS NOT NULL") >= 50)
        #expect(try Self.count(db, "SELECT count(DISTINCT media_type) AS n FROM media_files") == 4)
        #expect(try Self.count(db, "SELECT count(*) AS n FROM media_files WHERE media_type = 'video' AND (duration IS NULL OR dimensions->>'width' IS NULL)") == 0)
        #expect(try Self.count(db, "SELECT count(DISTINCT post_id) AS n FROM media_files") > 250)
    }
}
