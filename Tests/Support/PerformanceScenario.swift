import Foundation
import PostDeckStore

/// Hand-made analytics for performance tests: two clients (one sharing its name with a
/// third), posts on up to three networks with several snapshots per metric, duplicated
/// snapshots, two snapshots at one instant, equal publish times, an undated published post,
/// old posts outside the short ranges, a draft, and content with commas, quotes, newlines
/// and emoji. Times are relative to `now` (whole hours, so ties are exact).
public enum PerformanceScenario {
    public static let acme = "c1000000-0000-4000-8000-000000000001"
    public static let globex = "c1000000-0000-4000-8000-000000000002"
    public static let otherAcme = "c1000000-0000-4000-8000-000000000003"
    /// The launch post: LinkedIn 40 likes / 5 shares / 1 comment / 300 views, Instagram
    /// 7 likes / 4 shares / 50 views, TikTok failed.
    public static let launch = "e1000000-0000-4000-8000-000000000001"
    public static let tricky = "e1000000-0000-4000-8000-000000000004"
    public static let trickyContent = "Sale, \"50%_off\" today!\nSecond line 🎉 — ends soon"

    /// Inserts the scenario into a migrated database (`TestDatabase.migrated()`), with times relative to `now`.
    public static func install(on db: Connection, now: Date) throws {
        try db.execute("""
            INSERT INTO agencies (id, name, email) VALUES
              ('a1000000-0000-4000-8000-000000000001', 'North', 'n@example.com'),
              ('a1000000-0000-4000-8000-000000000002', 'South', 's@example.com')
            """)
        try db.execute("""
            INSERT INTO clients (id, agency_id, name, preferences) VALUES
              ('\(acme)', 'a1000000-0000-4000-8000-000000000001', 'Acme', '{"timezone": "America/New_York"}'),
              ('\(globex)', 'a1000000-0000-4000-8000-000000000001', 'Globex', '{"timezone": "Europe/Berlin"}'),
              ('\(otherAcme)', 'a1000000-0000-4000-8000-000000000002', 'Acme', '{"timezone": "Asia/Tokyo"}')
            """)
        try db.execute("""
            INSERT INTO accounts (id, client_id, platform, platform_account_id, username) VALUES
              ('d1000000-0000-4000-8000-000000000001', '\(acme)', 'linkedin', '1', 'acme-in'),
              ('d1000000-0000-4000-8000-000000000002', '\(acme)', 'instagram', '2', 'acme.ig'),
              ('d1000000-0000-4000-8000-000000000003', '\(acme)', 'tiktok', '3', '@acme'),
              ('d1000000-0000-4000-8000-000000000004', '\(globex)', 'facebook', '4', 'GlobexFB'),
              ('d1000000-0000-4000-8000-000000000005', '\(otherAcme)', 'instagram', '5', 'acme.jp')
            """)
        // Posts: id suffix, client, status, hours ago published (NULL: undated), content.
        try db.execute("""
            INSERT INTO posts (id, client_id, status, content, published_at)
            SELECT ('e1000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, client::uuid, status::post_status, content,
                   $1::timestamptz - make_interval(hours => hours)
            FROM (VALUES
              (1, '\(acme)', 'published', 'Launch day: meet the new trail shoe', 50),
              (2, '\(acme)', 'published', 'Behind the scenes at the factory', 26),
              (3, '\(acme)', 'published', 'Same hour as the factory post', 26),
              (4, '\(acme)', 'published', $2::text, 5),
              (5, '\(acme)', 'published', 'Last spring''s sale', 24 * 60),
              (6, '\(acme)', 'published', 'No publish time recorded', NULL),
              (7, '\(acme)', 'draft', 'A draft never counts', NULL),
              (8, '\(globex)', 'published', 'Globex quarterly results', 72),
              (9, '\(globex)', 'published', 'Globex: no networks yet', 3),
              (10, '\(otherAcme)', 'published', 'さくらの季節', 10),
              (11, '\(globex)', 'published', 'Globex two years ago', 24 * 700)
            ) AS v(n, client, status, content, hours)
            """, [now, trickyContent])
        // post_platforms: id suffix, post suffix, account suffix, status.
        try db.execute("""
            INSERT INTO post_platforms (id, post_id, account_id, status, published_at)
            SELECT ('f1000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid,
                   ('e1000000-0000-4000-8000-' || lpad(post::text, 12, '0'))::uuid,
                   ('d1000000-0000-4000-8000-' || lpad(account::text, 12, '0'))::uuid,
                   v.status::platform_post_status, p.published_at
            FROM (VALUES (1, 1, 1, 'published'), (2, 1, 2, 'published'), (3, 1, 3, 'failed'),
                         (4, 2, 1, 'published'), (5, 3, 2, 'published'), (6, 4, 1, 'published'), (7, 4, 2, 'published'),
                         (8, 5, 1, 'published'), (9, 6, 2, 'published'), (10, 7, 1, 'pending'),
                         (11, 8, 4, 'published'), (12, 10, 5, 'published'), (13, 11, 4, 'published')
            ) AS v(n, post, account, status)
            JOIN posts p ON p.id = ('e1000000-0000-4000-8000-' || lpad(post::text, 12, '0'))::uuid
            """)
        // Snapshots: post_platform suffix, metric, value, hours ago recorded.
        try db.execute("""
            INSERT INTO post_analytics (post_platform_id, metric_name, metric_value, recorded_at)
            SELECT ('f1000000-0000-4000-8000-' || lpad(pp::text, 12, '0'))::uuid, metric, value,
                   $1::timestamptz - make_interval(hours => hours)
            FROM (VALUES
              (1, 'likes', 10, 48), (1, 'likes', 25, 30), (1, 'likes', 40, 2),
              (1, 'shares', 2, 48), (1, 'shares', 5, 2), (1, 'comments', 1, 30),
              (1, 'views', 100, 48), (1, 'views', 300, 2), (1, 'views', 300, 2),
              (2, 'likes', 7, 30), (2, 'likes', 7, 30), (2, 'shares', 3, 2), (2, 'shares', 4, 2),
              (2, 'views', 50, 30), (2, 'saves', 99, 2),
              (4, 'likes', 120, 20), (4, 'likes', 130, 1), (4, 'comments', 12, 1), (4, 'shares', 9, 1), (4, 'views', 4000, 1),
              (5, 'likes', 130, 1), (5, 'comments', 3, 1), (5, 'views', 900, 1),
              (6, 'likes', 2, 4), (6, 'likes', 15, 1), (6, 'comments', 4, 1),
              (7, 'likes', 8, 1), (7, 'shares', 1, 1), (7, 'views', 80, 1),
              (8, 'likes', 55, 24 * 59), (8, 'views', 1200, 24 * 59),
              (9, 'likes', 3, 1),
              (10, 'likes', 1000, 1),
              (11, 'likes', 70, 60), (11, 'comments', 70, 60), (11, 'views', 700, 60),
              (12, 'likes', 1500, 5), (12, 'comments', 80, 5), (12, 'shares', 20, 5), (12, 'views', 20000, 5),
              (13, 'likes', 9, 24 * 699)
            ) AS v(pp, metric, value, hours)
            """, [now])
    }
}
