import Foundation
import Testing
import PostDeckStore
import PostDeckTestSupport

/// Migration 2's integrity fixes and the indexes the panes rely on.
@Suite struct MigrationFixesTests {
    @Test func deletingATemplateOrCampaignDetachesItsPostsInsteadOfFailing() throws {
        let db = try TestDatabase.migrated().connect()
        let client = try db.makeClient("Acme")
        let template = try db.insert("INSERT INTO post_templates (client_id, name, template_content) VALUES ($1::uuid, 'Weekly', 'Hi') RETURNING id", [client])
        let campaign = try db.insert("INSERT INTO campaigns (client_id, name) VALUES ($1::uuid, 'Spring') RETURNING id", [client])
        let post = try db.insert("INSERT INTO posts (client_id, content, template_id, campaign_id) VALUES ($1::uuid, 'x', $2::uuid, $3::uuid) RETURNING id",
                                 [client, template, campaign])
        try db.execute("DELETE FROM post_templates WHERE id = $1::uuid", [template])
        try db.execute("DELETE FROM campaigns WHERE id = $1::uuid", [campaign])
        let row = try #require(try db.execute("SELECT template_id, campaign_id FROM posts WHERE id = $1::uuid", [post]).first)
        #expect(try row.decode("template_id", as: UUID?.self) == nil)
        #expect(try row.decode("campaign_id", as: UUID?.self) == nil)
    }

    @Test func aCampaignCannotEndBeforeItStartsButOldRowsSurviveTheMigration() throws {
        let db = try TestDatabase.make().connect()
        try Migrator.migrate(db, migrations: [Migrations.all[0]])
        let client = try db.makeClient("Acme")
        try db.execute("INSERT INTO campaigns (client_id, name, start_date, end_date) VALUES ($1::uuid, 'Legacy', '2025-03-01', '2025-02-01')", [client])
        try Migrator.migrate(db)
        #expect(try db.execute("SELECT count(*) AS n FROM campaigns").first?.decode("n", as: Int.self) == 1)
        do {
            try db.execute("INSERT INTO campaigns (client_id, name, start_date, end_date) VALUES ($1::uuid, 'Backwards', '2026-05-02', '2026-05-01')", [client])
            Issue.record("a campaign ending before it starts must be refused")
        } catch let StoreError.server(error) {
            #expect(error.sqlState == "23514")
            #expect(error.message.contains("campaigns_date_range_check"))
        }
        try db.execute("INSERT INTO campaigns (client_id, name, start_date) VALUES ($1::uuid, 'Open-ended', '2026-05-02')", [client])
    }

    @Test(arguments: [
        ("SELECT id FROM scheduled_jobs WHERE job_data->>'post_id' = 'x' AND status = 'pending'", "idx_scheduled_jobs_pending_post"),
        ("SELECT id FROM posts WHERE client_id = '00000000-0000-0000-0000-000000000001' AND scheduled_at >= now() AND scheduled_at < now() + interval '7 days'", "idx_posts_client_scheduled_at"),
        ("SELECT count(*) FROM post_platforms WHERE account_id = '00000000-0000-0000-0000-000000000001' AND status = 'failed'", "idx_post_platforms_account_status"),
        ("SELECT id FROM posts WHERE client_id = '00000000-0000-0000-0000-000000000001' AND status = 'published' ORDER BY published_at DESC LIMIT 50", "idx_posts_client_published_at"),
        ("SELECT 1 FROM posts WHERE template_id = '00000000-0000-0000-0000-000000000001'", "idx_posts_template_id"),
    ])
    func thePanesQueriesCanUseTheirIndex(query: String, index: String) throws {
        let db = try TestDatabase.migrated().connect()
        let plan = try db.transaction { db in
            try db.execute("SET LOCAL enable_seqscan = off")
            return try db.execute("EXPLAIN " + query).rows.map { try $0.decode("QUERY PLAN", as: String.self) }.joined(separator: "\n")
        }
        #expect(plan.contains(index), "\(plan)")
    }
}
