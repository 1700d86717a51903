import Foundation
import PostDeckCore
import PostDeckStore

/// A client with an Instagram account (valid token), a LinkedIn account (no token), an
/// inactive TikTok account, a campaign and a template.
public enum ComposerScenario {
    public static let client = ClientID("c1000000-0000-4000-8000-000000000001")!
    public static let instagram = AccountID("d1000000-0000-4000-8000-000000000001")!
    public static let linkedin = AccountID("d1000000-0000-4000-8000-000000000002")!
    public static let tiktok = AccountID("d1000000-0000-4000-8000-000000000003")!
    public static let campaign = CampaignID("e1000000-0000-4000-8000-000000000001")!

    /// Inserts the scenario into a migrated database.
    public static func install(on db: Connection) throws {
        try db.executeScript("""
            INSERT INTO agencies (id, name, email) VALUES ('a1000000-0000-4000-8000-000000000001', 'Agency', 'a@example.com');
            INSERT INTO clients (id, agency_id, name, preferences) VALUES
              ('\(client)', 'a1000000-0000-4000-8000-000000000001', 'Bakery', '{"timezone": "Europe/Berlin"}');
            INSERT INTO accounts (id, client_id, platform, platform_account_id, username, active) VALUES
              ('\(instagram)', '\(client)', 'instagram', 'ig1', 'bakery.ig', true),
              ('\(linkedin)', '\(client)', 'linkedin', 'li1', 'bakery-li', true),
              ('\(tiktok)', '\(client)', 'tiktok', 'tt1', 'bakery.tt', false);
            INSERT INTO platform_tokens (account_id, access_token, expires_at) VALUES
              ('\(instagram)', 'secret', now() + interval '60 days');
            INSERT INTO campaigns (id, client_id, name, status, start_date, end_date) VALUES
              ('\(campaign)', '\(client)', 'Spring', 'active', '2030-03-01', '2030-03-31'),
              ('e1000000-0000-4000-8000-000000000002', '\(client)', 'Old', 'completed', '2020-01-01', '2020-01-31');
            INSERT INTO post_templates (client_id, name, template_content, platform_variations, default_settings) VALUES
              ('\(client)', 'Weekly', 'Hello {{client_name}} {{offer}}', '{"linkedin": "Dear network"}', '{"hashtags": ["#bread"]}');
            """)
    }

    public static func makeDatabase() throws -> (TestDatabase, Connection) {
        let database = try TestDatabase.migrated()
        let db = try database.connect()
        try install(on: db)
        return (database, db)
    }
}
