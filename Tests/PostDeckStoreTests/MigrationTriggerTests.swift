import Foundation
import Testing
import PostDeckStore
import PostDeckTestSupport

/// The triggers of migration 2: `updated_at` follows every change, and every change is
/// announced on `postdeck_changes`, one notification per statement and table.
@Suite struct MigrationTriggerTests {
    private let tablesWithUpdatedAt = ["agencies", "clients", "accounts", "platform_tokens", "post_templates",
                                       "campaigns", "posts", "post_platforms", "media_files", "scheduled_jobs"]

    /// One row in every table.
    private func fillEveryTable(_ db: Connection) throws -> (client: UUID, post: UUID) {
        let client = try db.makeClient("Acme")
        let account = try db.makeAccount(client: client, platform: "linkedin")
        let post = try db.makePost(client: client, status: "scheduled")
        let postPlatform = try db.makePostPlatform(post: post, account: account, status: "pending")
        try db.executeScript("""
            INSERT INTO platform_tokens (account_id, access_token) SELECT id, 'secret' FROM accounts;
            INSERT INTO post_templates (client_id, name, template_content) SELECT id, 'Weekly', 'Hi {name}' FROM clients;
            INSERT INTO campaigns (client_id, name) SELECT id, 'Spring' FROM clients;
            INSERT INTO media_files (post_id, filename, original_filename, mime_type, media_type, file_size, storage_path)
                SELECT id, 'a.png', 'a.png', 'image/png', 'image', 10, 's3://a.png' FROM posts;
            """)
        try db.execute("INSERT INTO scheduled_jobs (job_type, job_data, scheduled_for) VALUES ('post_publish', jsonb_build_object('post_id', $1::text), now() + interval '1 hour')", [post])
        try db.record("likes", 3, daysAgo: 0, on: postPlatform)
        return (client, post)
    }

    @Test func everyTableWithUpdatedAtHasTheTrigger() throws {
        let db = try TestDatabase.migrated().connect()
        let tables = try db.execute("""
            SELECT c.relname::text AS name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attname = 'updated_at'
              AND EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'postdeck_updated_at')
            ORDER BY 1
            """).rows.map { try $0.decode("name", as: String.self) }
        #expect(tables == tablesWithUpdatedAt.sorted())
    }

    @Test func anUpdateStampsUpdatedAtWithItsTransactionTimeEvenIfTheWriterSetAnother() throws {
        let db = try TestDatabase.migrated().connect()
        _ = try fillEveryTable(db)
        for table in tablesWithUpdatedAt {
            try db.execute("UPDATE \(table) SET updated_at = '2001-01-01'")
        }
        for table in tablesWithUpdatedAt {
            let stamped = try db.transaction { db in
                try db.execute("UPDATE \(table) SET updated_at = '1999-01-01', created_at = created_at RETURNING (updated_at = now()) AS stamped")
                    .rows.map { try $0.decode("stamped", as: Bool.self) }
            }
            #expect(stamped == [true], "\(table)")
        }
    }

    @Test func anInsertKeepsAGivenUpdatedAtAndFillsAMissingOne() throws {
        let db = try TestDatabase.migrated().connect()
        let client = try db.makeClient("Acme")
        let given = try db.execute("INSERT INTO posts (client_id, content, updated_at) VALUES ($1::uuid, 'a', '2020-05-01 12:00Z') RETURNING updated_at", [client])
        #expect(try given.first?.decode("updated_at", as: Date.self) == Date(timeIntervalSince1970: 1_588_334_400))
        let missing = try db.execute("INSERT INTO posts (client_id, content, updated_at) VALUES ($1::uuid, 'b', NULL) RETURNING updated_at IS NOT NULL AS filled", [client])
        #expect(try missing.first?.decode("filled", as: Bool.self) == true)
    }

    @Test func changesAreAnnouncedOncePerStatementWithTableOperationRowAndClient() throws {
        let database = try TestDatabase.migrated()
        let db = try database.connect()
        let (client, post) = try fillEveryTable(db)
        let listener = try database.connect()
        try listener.execute("LISTEN postdeck_changes")

        let clientID = client.uuidString.lowercased()
        try db.execute("UPDATE posts SET content = 'edited' WHERE id = $1::uuid", [post])
        #expect(try awaitChanges(listener, count: 1) == [
            Change(table: "posts", op: "UPDATE", count: 1, id: post.uuidString.lowercased(), clientID: clientID)])

        // A burst of 500 rows in one statement is one notification.
        try db.execute("INSERT INTO posts (client_id, content) SELECT $1::uuid, 'bulk ' || i FROM generate_series(1, 500) i", [client])
        #expect(try awaitChanges(listener, count: 1) == [Change(table: "posts", op: "INSERT", count: 500, clientID: clientID)])

        // Rows that belong to a client through others find it: analytics through its post.
        try db.execute("INSERT INTO post_analytics (post_platform_id, metric_name, metric_value, recorded_at) SELECT id, 'views', 9, now() FROM post_platforms")
        let analytics = try awaitChanges(listener, count: 1)
        #expect(analytics.first?.table == "post_analytics")
        #expect(analytics.first?.clientID == clientID)

        // Two clients in one statement: both named.
        let other = try db.makeClient("Globex")
        _ = try awaitChanges(listener, count: 2) // its agency and itself
        try db.execute("UPDATE clients SET industry = 'retail'")
        let both = try awaitChanges(listener, count: 1)
        #expect(Set(both.first?.clientIDs ?? []) == [clientID, other.uuidString.lowercased()])
        #expect(both.first?.clientID == nil)

        // A job whose post_id is not a uuid is still written and announced.
        try db.execute("INSERT INTO scheduled_jobs (job_type, job_data, scheduled_for) VALUES ('analytics_sync', '{\"post_id\": \"not-a-uuid\"}', now())")
        let job = try awaitChanges(listener, count: 1)
        #expect(job.first?.table == "scheduled_jobs")
        #expect(job.first?.clientID == nil)

        try db.execute("DELETE FROM posts WHERE content LIKE 'bulk %'")
        #expect(try awaitChanges(listener, count: 1) == [Change(table: "posts", op: "DELETE", count: 500, clientID: clientID)])

        // A statement that changes nothing says nothing: the next notification is the marker.
        try db.execute("UPDATE posts SET content = 'x' WHERE false")
        try db.execute("SELECT pg_notify('postdeck_changes', '{\"table\":\"marker\",\"op\":\"NONE\",\"count\":0}')")
        #expect(try awaitChanges(listener, count: 1).first?.table == "marker")
    }

    /// The payload as docs/SCHEMA.md describes it.
    private struct Change: Decodable, Equatable {
        var table: String
        var op: String
        var count: Int
        var id: String?
        var clientID: String?
        var clientIDs: [String]?

        enum CodingKeys: String, CodingKey {
            case table, op, count, id, clientID = "client_id", clientIDs = "client_ids"
        }
    }

    /// Waits up to five seconds for `count` notifications and decodes their payloads.
    private func awaitChanges(_ listener: Connection, count: Int) throws -> [Change] {
        var changes: [Change] = []
        let deadline = ContinuousClock.now + .seconds(5)
        while changes.count < count, ContinuousClock.now < deadline {
            var descriptor = pollfd(fd: listener.socket, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 200)
            for notification in try listener.consumeNotifications() {
                #expect(notification.channel == "postdeck_changes")
                #expect(notification.payload.utf8.count < 8000)
                changes.append(try JSONDecoder().decode(Change.self, from: Data(notification.payload.utf8)))
            }
        }
        #expect(changes.count == count, "\(changes)")
        return changes
    }
}
