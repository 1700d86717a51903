import Foundation
import PostDeckStore

/// Hand-made rows for health tests: two agencies with a client of the same name, accounts
/// with tokens in every state (expired, expiring, far off, no expiry, no token row), a
/// failed and a published post, and a username holding an OSC 52 escape and a bidi override.
public enum HealthScenario {
    public static let hostileUsername = "evil\u{1b}]52;c;aGk=\u{07}\u{202e}gnp.exe"

    /// Inserts the scenario into a migrated database (`TestDatabase.migrated()`).
    public static func install(on db: Connection) throws {
        try db.executeScript("""
            INSERT INTO agencies (id, name, email) VALUES
              ('a0000000-0000-4000-8000-000000000001', 'North', 'n@example.com'),
              ('a0000000-0000-4000-8000-000000000002', 'South', 's@example.com');
            INSERT INTO clients (id, agency_id, name) VALUES
              ('c0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001', 'Acme'),
              ('c0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000002', 'Acme'),
              ('c0000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000002', 'Globex');
            INSERT INTO accounts (id, client_id, platform, platform_account_id, username) VALUES
              ('d0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'instagram', '1', 'expired'),
              ('d0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000001', 'linkedin', '2', 'soon'),
              ('d0000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000002', 'tiktok', '3', 'far'),
              ('d0000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000003', 'facebook', '4', 'notoken'),
              ('d0000000-0000-4000-8000-000000000005', 'c0000000-0000-4000-8000-000000000003', 'instagram', '5', 'noexpiry');
            INSERT INTO platform_tokens (account_id, access_token, expires_at) VALUES
              ('d0000000-0000-4000-8000-000000000001', 'secret', now() - interval '3 days'),
              ('d0000000-0000-4000-8000-000000000002', 'secret', now() + interval '2 days 1 hour'),
              ('d0000000-0000-4000-8000-000000000003', 'secret', now() + interval '90 days 1 hour'),
              ('d0000000-0000-4000-8000-000000000005', 'secret', NULL);
            INSERT INTO posts (id, client_id, status, content) VALUES
              ('e0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000003', 'failed', 'first'),
              ('e0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000003', 'published', 'second');
            INSERT INTO post_platforms (post_id, account_id, status, error_message, published_at) VALUES
              ('e0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000004', 'failed', 'OAuthException: Session has expired', NULL),
              ('e0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000004', 'published', NULL, now() - interval '1 day');
            """)
        try db.execute("UPDATE accounts SET username = $1 WHERE id = 'd0000000-0000-4000-8000-000000000003'", [hostileUsername])
    }
}
