import Foundation
import PostDeckCore
import PostDeckStore

/// Hand-made rows for calendar tests: clients in New York, Berlin and Tokyo (two of one
/// agency), accounts with a healthy, an expired and a missing token, and posts around the
/// 2026 autumn clock changes, plus future posts (relative to the database's now) to move.
public enum CalendarScenario {
    public static let northwind = AgencyID("a1000000-0000-4000-8000-000000000001")!
    public static let harbor = AgencyID("a1000000-0000-4000-8000-000000000002")!
    public static let acme = ClientID("c1000000-0000-4000-8000-000000000001")!      // America/New_York
    public static let globex = ClientID("c1000000-0000-4000-8000-000000000002")!    // Europe/Berlin
    public static let sakura = ClientID("c1000000-0000-4000-8000-000000000003")!    // Asia/Tokyo

    public static let acmeInstagram = AccountID("d1000000-0000-4000-8000-000000000001")!   // healthy token
    public static let acmeLinkedIn = AccountID("d1000000-0000-4000-8000-000000000002")!    // expired token
    public static let globexFacebook = AccountID("d1000000-0000-4000-8000-000000000003")!  // no token row
    public static let sakuraTikTok = AccountID("d1000000-0000-4000-8000-000000000004")!    // healthy

    public static func post(_ n: Int) -> PostID { PostID(String(format: "e1000000-0000-4000-8000-%012d", n))! }

    /// 2026-11-01 01:30 EDT, the first of New York's two 01:30s (05:30 UTC).
    public static let newYorkFirstOneThirty = utc("2026-11-01T05:30:00Z")
    /// 2026-11-01 01:30 EST, the second (06:30 UTC).
    public static let newYorkSecondOneThirty = utc("2026-11-01T06:30:00Z")
    /// 2026-11-01 23:30 EST: the last half hour of New York's 25-hour Sunday.
    public static let newYorkSundayLate = utc("2026-11-02T04:30:00Z")
    /// 2026-11-02 00:00 EST: the first instant of the next week in New York.
    public static let newYorkMondayMidnight = utc("2026-11-02T05:00:00Z")
    /// 2026-10-25 02:30 CET (after Berlin's clocks went back; 01:30 UTC).
    public static let berlinSecondTwoThirty = utc("2026-10-25T01:30:00Z")
    /// 2026-10-25 23:30 CET (22:30 UTC): the last half hour of Berlin's 25-hour Sunday.
    public static let berlinSundayLate = utc("2026-10-25T22:30:00Z")
    /// 2026-10-26 00:00 CET: Monday in Berlin (23:00 UTC Sunday).
    public static let berlinMondayMidnight = utc("2026-10-25T23:00:00Z")
    /// 2026-11-02 08:00 JST = 2026-11-01 23:00 UTC: Monday in Tokyo while Sunday in UTC.
    public static let tokyoMondayMorning = utc("2026-11-01T23:00:00Z")

    public static func utc(_ text: String) -> Date {
        let parts = text.dropLast().split(separator: "T")
        let local = try! LocalDateTime(parsing: "\(parts[0]) \(parts[1].prefix(5))")
        return try! DisplayZone.utc.instant(for: local)
    }

    /// Inserts the scenario into a migrated database (`TestDatabase.migrated()`). Posts 20... are relative to now():
    /// 20 scheduled in 3 days with a pending job, 21 a draft in 5 days, 22 published
    /// yesterday, 23 scheduled in 4 days on the expired account, 24 an unscheduled draft.
    public static func install(on db: Connection) throws {
        try db.executeScript("""
            INSERT INTO agencies (id, name, email) VALUES
              ('\(northwind)', 'Northwind Social', 'nw@example.com'),
              ('\(harbor)', 'Blue Harbor', 'bh@example.com');
            INSERT INTO clients (id, agency_id, name, preferences) VALUES
              ('\(acme)', '\(northwind)', 'Acme Outdoor', '{"timezone": "America/New_York"}'),
              ('\(globex)', '\(northwind)', 'Globex Bank', '{"timezone": "Europe/Berlin"}'),
              ('\(sakura)', '\(harbor)', 'さくら茶房', '{"timezone": "Asia/Tokyo"}');
            INSERT INTO accounts (id, client_id, platform, platform_account_id, username) VALUES
              ('\(acmeInstagram)', '\(acme)', 'instagram', '1', 'acme.outdoor'),
              ('\(acmeLinkedIn)', '\(acme)', 'linkedin', '2', 'acme-outdoor'),
              ('\(globexFacebook)', '\(globex)', 'facebook', '3', 'GlobexBank'),
              ('\(sakuraTikTok)', '\(sakura)', 'tiktok', '4', 'sakura_sabo');
            INSERT INTO platform_tokens (account_id, access_token, expires_at) VALUES
              ('\(acmeInstagram)', 'secret', now() + interval '90 days'),
              ('\(acmeLinkedIn)', 'secret', now() - interval '2 days'),
              ('\(sakuraTikTok)', 'secret', NULL);
            INSERT INTO posts (id, client_id, status, content, scheduled_at, published_at) VALUES
              ('\(post(1))', '\(acme)', 'published', 'first 01:30 in New York', '\(iso(newYorkFirstOneThirty))', '\(iso(newYorkFirstOneThirty))'),
              ('\(post(2))', '\(acme)', 'failed', 'second 01:30 in New York', '\(iso(newYorkSecondOneThirty))', NULL),
              ('\(post(3))', '\(acme)', 'published', 'late Sunday in New York', '\(iso(newYorkSundayLate.addingTimeInterval(-600)))', '\(iso(newYorkSundayLate))'),
              ('\(post(4))', '\(acme)', 'cancelled', 'Monday midnight in New York', '\(iso(newYorkMondayMidnight))', NULL),
              ('\(post(5))', '\(globex)', 'published', 'Berlin 02:30 after the change', '\(iso(berlinSecondTwoThirty))', '\(iso(berlinSecondTwoThirty))'),
              ('\(post(6))', '\(globex)', 'failed', 'Berlin late Sunday', '\(iso(berlinSundayLate))', NULL),
              ('\(post(7))', '\(globex)', 'cancelled', 'Berlin Monday midnight', '\(iso(berlinMondayMidnight))', NULL),
              ('\(post(8))', '\(sakura)', 'published', '月曜の朝 🍵', '\(iso(tokyoMondayMorning))', '\(iso(tokyoMondayMorning))');
            INSERT INTO posts (id, client_id, status, content, content_variations, post_settings, scheduled_at) VALUES
              ('\(post(20))', '\(acme)', 'scheduled', 'Spring launch — new trail shoes', '{"instagram": "Spring launch 🌸 #trail"}',
               '{"hashtags": ["#trail"]}', date_trunc('minute', now()) + interval '3 days'),
              ('\(post(21))', '\(acme)', 'draft', 'Draft for next week', '{}', '{}', date_trunc('minute', now()) + interval '5 days'),
              ('\(post(22))', '\(acme)', 'published', 'Published yesterday', '{}', '{}', date_trunc('minute', now()) - interval '1 day'),
              ('\(post(23))', '\(acme)', 'scheduled', 'Goes out on the expired account', '{}', '{}', date_trunc('minute', now()) + interval '4 days'),
              ('\(post(24))', '\(acme)', 'draft', 'An idea without a date', '{}', '{}', NULL);
            UPDATE posts SET published_at = scheduled_at WHERE id = '\(post(22))';
            INSERT INTO post_platforms (post_id, account_id, status, error_message, platform_post_id) VALUES
              ('\(post(1))', '\(acmeInstagram)', 'published', NULL, 'ig-1'),
              ('\(post(2))', '\(acmeInstagram)', 'failed', 'Media upload failed', NULL),
              ('\(post(3))', '\(acmeInstagram)', 'published', NULL, 'ig-3'),
              ('\(post(5))', '\(globexFacebook)', 'published', NULL, 'fb-5'),
              ('\(post(6))', '\(globexFacebook)', 'failed', 'OAuthException', NULL),
              ('\(post(8))', '\(sakuraTikTok)', 'published', NULL, 'tt-8'),
              ('\(post(20))', '\(acmeInstagram)', 'pending', NULL, NULL),
              ('\(post(20))', '\(acmeLinkedIn)', 'pending', NULL, NULL),
              ('\(post(21))', '\(acmeInstagram)', 'pending', NULL, NULL),
              ('\(post(22))', '\(acmeInstagram)', 'published', NULL, 'ig-22'),
              ('\(post(23))', '\(acmeLinkedIn)', 'pending', NULL, NULL);
            INSERT INTO scheduled_jobs (job_type, job_data, status, scheduled_for) VALUES
              ('post_publish', jsonb_build_object('post_id', '\(post(20))'), 'pending', date_trunc('minute', now()) + interval '3 days'),
              ('post_publish', jsonb_build_object('post_id', '\(post(23))'), 'pending', date_trunc('minute', now()) + interval '4 days'),
              ('post_publish', jsonb_build_object('post_id', '\(post(2))'), 'failed', '\(iso(newYorkSecondOneThirty))');
            INSERT INTO media_files (post_id, filename, original_filename, mime_type, media_type, file_size, storage_path) VALUES
              ('\(post(20))', 'a.jpg', 'shoes.jpg', 'image/jpeg', 'image', 204800, 's3://x/a.jpg');
            """)
    }

    static func iso(_ date: Date) -> String { DisplayZone.iso8601UTC(date) }
}
