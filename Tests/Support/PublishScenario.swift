import Foundation
import PostDeckCore
import PostDeckStore

/// Hand-made rows for the worker's tests: one client with an account on every network in
/// a known state, and posts scheduled on any of them, due now or later.
///
/// | account | network | state |
/// |---|---|---|
/// | `instagram` | Instagram `acme.ig` | token without expiry |
/// | `linkedin` | LinkedIn `acme-li` | token for 30 more days |
/// | `facebook` | Facebook `AcmeFB` | token expired 2 days ago |
/// | `tiktok` | TikTok `acme_tt` | no token row |
/// | `inactive` | LinkedIn `acme-old` | inactive, healthy token |
public enum PublishScenario {
    public static let client = ClientID(UUID(uuidString: "c1000000-0000-4000-8000-000000000001")!)
    public static let instagram = AccountID(UUID(uuidString: "a1000000-0000-4000-8000-000000000001")!)
    public static let linkedin = AccountID(UUID(uuidString: "a1000000-0000-4000-8000-000000000002")!)
    public static let facebook = AccountID(UUID(uuidString: "a1000000-0000-4000-8000-000000000003")!)
    public static let tiktok = AccountID(UUID(uuidString: "a1000000-0000-4000-8000-000000000004")!)
    public static let inactive = AccountID(UUID(uuidString: "a1000000-0000-4000-8000-000000000005")!)

    /// Migrates the database and inserts the agency, client, accounts and tokens.
    public static func install(on db: Connection) throws {
        try Migrator.migrate(db) { _ in }
        try db.executeScript("""
            INSERT INTO agencies (id, name, email) VALUES ('a0000000-0000-4000-8000-0000000000aa', 'Agency', 'ops@example.com');
            INSERT INTO clients (id, agency_id, name) VALUES
              ('\(client)', 'a0000000-0000-4000-8000-0000000000aa', 'Acme');
            INSERT INTO accounts (id, client_id, platform, platform_account_id, username, display_name, active) VALUES
              ('\(instagram)', '\(client)', 'instagram', 'ig-1', 'acme.ig', 'Acme', true),
              ('\(linkedin)', '\(client)', 'linkedin', 'li-1', 'acme-li', 'Acme Inc.', true),
              ('\(facebook)', '\(client)', 'facebook', 'fb-1', 'AcmeFB', 'Acme', true),
              ('\(tiktok)', '\(client)', 'tiktok', 'tt-1', 'acme_tt', 'Acme', true),
              ('\(inactive)', '\(client)', 'linkedin', 'li-2', 'acme-old', 'Acme (old)', false);
            INSERT INTO platform_tokens (account_id, access_token, expires_at) VALUES
              ('\(instagram)', 'secret-ig', NULL),
              ('\(linkedin)', 'secret-li', now() + interval '30 days'),
              ('\(facebook)', 'secret-fb', now() - interval '2 days'),
              ('\(inactive)', 'secret-old', now() + interval '30 days');
            """)
    }

    /// A scheduled post on `accounts`, its post_platforms pending and its publish job due in
    /// `dueIn` seconds (negative: overdue), as postdeck's write path leaves it.
    @discardableResult
    public static func schedule(on db: Connection, accounts: [AccountID], content: String = "Hello from Acme",
                                variations: [Platform: String] = [:], firstComment: String? = nil,
                                dueIn: Double = -1, maxAttempts: Int = 3) throws -> PostID {
        let post = PostID.random()
        let variationsJSON = try JSONText(encoding: Dictionary(uniqueKeysWithValues: variations.map { ($0.key.rawValue, $0.value) }))
        let settings = try JSONText(encoding: PostSettings(hashtags: ["#acme"], firstComment: firstComment))
        try db.execute("""
            WITH post AS (
                INSERT INTO posts (id, client_id, status, content, content_variations, post_settings, scheduled_at)
                VALUES ($1::uuid, $2::uuid, 'scheduled', $3::text, $4::jsonb, $5::jsonb, now() + $6::float8 * interval '1 second')
                RETURNING id, scheduled_at
            ), platforms AS (
                INSERT INTO post_platforms (post_id, account_id, status)
                SELECT $1::uuid, a, 'pending' FROM unnest($7::uuid[]) AS a
            )
            INSERT INTO scheduled_jobs (job_type, job_data, status, scheduled_for, max_attempts)
            SELECT 'post_publish', jsonb_build_object('post_id', $1::uuid::text, 'account_ids', to_jsonb($7::text[])),
                   'pending', scheduled_at, $8::int
            FROM post
            """, [post, client, content, variationsJSON, settings, dueIn, SQLArray(accounts.map { $0 as any SQLParameter }), maxAttempts])
        return post
    }

    /// The post's status, its job's status and attempts, and each account's post_platform
    /// status, platform_post_id and error message.
    public static func state(of post: PostID, on db: Connection) throws -> PostState {
        let postRow = try db.execute("SELECT status::text AS status FROM posts WHERE id = $1::uuid", [post]).first
        let job = try db.execute("""
            SELECT status::text AS status, attempts, error_message, completed_at IS NOT NULL AS completed
            FROM scheduled_jobs WHERE job_data->>'post_id' = $1::uuid::text ORDER BY created_at DESC LIMIT 1
            """, [post]).first
        var platforms: [AccountID: PostState.Platform] = [:]
        for row in try db.execute("""
            SELECT account_id, status::text AS status, platform_post_id, error_message, published_at IS NOT NULL AS dated
            FROM post_platforms WHERE post_id = $1::uuid
            """, [post]).rows {
            platforms[try row.decode("account_id")] = .init(
                status: try row.decode("status"), platformPostID: try row.decode("platform_post_id"),
                error: try row.decode("error_message"), hasPublishedAt: try row.decode("dated"))
        }
        return PostState(status: try postRow?.decode("status"), jobStatus: try job?.decode("status"),
                         attempts: try job?.decode("attempts") ?? 0, jobError: try job?.decode("error_message"),
                         jobCompletedAt: try job?.decode("completed") ?? false, platforms: platforms)
    }

    public struct PostState: Sendable, Equatable {
        public struct Platform: Sendable, Equatable {
            public let status: String
            public let platformPostID: String?
            public let error: String?
            public let hasPublishedAt: Bool

            public init(status: String, platformPostID: String?, error: String?, hasPublishedAt: Bool) {
                self.status = status
                self.platformPostID = platformPostID
                self.error = error
                self.hasPublishedAt = hasPublishedAt
            }
        }
        public let status: String?
        public let jobStatus: String?
        public let attempts: Int
        public let jobError: String?
        public let jobCompletedAt: Bool
        public let platforms: [AccountID: Platform]
    }
}
