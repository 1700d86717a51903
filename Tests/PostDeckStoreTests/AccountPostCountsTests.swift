import Foundation
import Synchronization
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// Migration 6: `postdeck_account_post_counts` always equals a full count of
/// post_platforms per account, whatever writes them, and `account_health` reads it.
@Suite struct AccountPostCountsTests {
    /// Every account whose stored counts differ from a full count, or whose row outlived it,
    /// as `account: stored total/failed, counted total/failed`.
    static func mismatches(_ db: Connection) throws -> [String] {
        try db.execute("""
            SELECT coalesce(n.account_id, f.account_id)::text AS account,
                   coalesce(n.total_posts, 0) AS stored_total, coalesce(n.failed_posts, 0) AS stored_failed,
                   coalesce(f.total, 0) AS total, coalesce(f.failed, 0) AS failed,
                   n.account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = n.account_id) AS orphan
            FROM postdeck_account_post_counts n
            FULL JOIN (SELECT account_id, count(*) AS total, count(*) FILTER (WHERE status = 'failed') AS failed
                       FROM post_platforms GROUP BY account_id) f ON f.account_id = n.account_id
            WHERE coalesce(n.total_posts, 0) <> coalesce(f.total, 0)
               OR coalesce(n.failed_posts, 0) <> coalesce(f.failed, 0)
               OR (n.account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = n.account_id))
            ORDER BY 1
            """).rows.map { row in
            let orphan = try row.decode("orphan", as: Bool.self) ? " (account deleted)" : ""
            return "\(try row.decode("account", as: String.self)): stored \(try row.decode("stored_total", as: Int.self))/\(try row.decode("stored_failed", as: Int.self)), counted \(try row.decode("total", as: Int.self))/\(try row.decode("failed", as: Int.self))\(orphan)"
        }
    }

    /// `account_health`'s counts against a full count, account by account.
    static func viewMismatches(_ db: Connection) throws -> Int {
        try db.execute("""
            SELECT count(*) AS n FROM account_health h
            CROSS JOIN LATERAL (SELECT count(*) AS total, count(*) FILTER (WHERE pp.status = 'failed') AS failed
                                FROM post_platforms pp WHERE pp.account_id = h.account_id) f
            WHERE h.total_posts <> f.total OR h.failed_posts <> f.failed
            """).first!.decode("n", as: Int.self)
    }

    static let statuses = ["pending", "published", "failed", "deleted"]

    /// One random write, as a single statement: inserts, status changes, moves to another
    /// account, id changes, deletes of rows, and deletes cascading from posts, accounts and clients.
    static func randomWrite(_ db: Connection, clients: [UUID], random: inout SeededRandom) throws -> String {
        let status = statuses.randomElement(using: &random)!
        let other = statuses.randomElement(using: &random)!
        let pick = Int.random(in: 0..<1000, using: &random)
        let some = Int.random(in: 1...4, using: &random)
        let client = clients.randomElement(using: &random)!
        switch Int.random(in: 0..<14, using: &random) {
        case 0, 1, 12, 13:
            // A post and its rows on up to `some` of its client's accounts, statuses mixed.
            try db.execute("""
                WITH post AS (INSERT INTO posts (client_id, content) SELECT id, 'random' FROM clients WHERE id = $1::uuid RETURNING id)
                INSERT INTO post_platforms (post_id, account_id, status)
                SELECT post.id, a.id, (CASE WHEN (hashtext(a.id::text) + $3::int) % 2 = 0 THEN $4 ELSE $5 END)::platform_post_status
                FROM post, (SELECT id FROM accounts WHERE client_id = $1::uuid ORDER BY md5(id::text || $3::text) LIMIT $2::int) a
                """, [client, some, pick, status, other])
            return "insert a post on \(some) accounts"
        case 2:
            try db.execute("""
                INSERT INTO post_platforms (post_id, account_id, status)
                SELECT p.id, a.id, $2::platform_post_status FROM posts p, accounts a
                ORDER BY md5(p.id::text || a.id::text || $1::text) LIMIT 3
                ON CONFLICT (post_id, account_id) DO NOTHING
                """, [pick, status])
            return "insert rows on any account"
        case 3, 4:
            try db.execute("""
                UPDATE post_platforms SET status = $2::platform_post_status
                WHERE id IN (SELECT id FROM post_platforms ORDER BY md5(id::text || $1::text) LIMIT $3::int)
                """, [pick, status, some])
            return "set \(some) rows to \(status)"
        case 5:
            // Moves rows (one per post) to another account, changing their status in the same statement.
            try db.execute("""
                UPDATE post_platforms pp SET account_id = target.id, status = $2::platform_post_status
                FROM (SELECT id FROM accounts ORDER BY md5(id::text || $1::text) LIMIT 1) target
                WHERE pp.id IN (SELECT id FROM (SELECT DISTINCT ON (post_id) id, md5(id::text || $1::text) AS h
                                                FROM post_platforms ORDER BY post_id, h) one_per_post
                                ORDER BY h LIMIT $3::int)
                  AND NOT EXISTS (SELECT 1 FROM post_platforms o WHERE o.post_id = pp.post_id AND o.account_id = target.id)
                """, [pick, status, some])
            return "move \(some) rows to another account as \(status)"
        case 6:
            try db.execute("UPDATE post_platforms SET error_message = 'touched' WHERE id IN (SELECT id FROM post_platforms ORDER BY md5(id::text || $1::text) LIMIT 5)", [pick])
            return "touch rows without changing a count"
        case 7:
            try db.execute("UPDATE post_platforms SET id = gen_random_uuid() WHERE id IN (SELECT id FROM post_platforms ORDER BY md5(id::text || $1::text) LIMIT 2)", [pick])
            return "give rows new ids"
        case 8:
            try db.execute("DELETE FROM post_platforms WHERE id IN (SELECT id FROM post_platforms ORDER BY md5(id::text || $1::text) LIMIT $2::int)", [pick, some])
            return "delete \(some) rows"
        case 9:
            try db.execute("DELETE FROM posts WHERE id IN (SELECT id FROM posts ORDER BY md5(id::text || $1::text) LIMIT $2::int)", [pick, some / 2])
            return "delete \(some / 2) posts (cascade)"
        case 10:
            // An account goes (cascading to its rows) and a new one takes its place.
            try db.execute("""
                WITH gone AS (DELETE FROM accounts WHERE id = (SELECT id FROM accounts WHERE client_id = $1::uuid ORDER BY md5(id::text || $2::text) LIMIT 1) RETURNING client_id, platform)
                INSERT INTO accounts (client_id, platform, platform_account_id) SELECT client_id, platform, gen_random_uuid()::text FROM gone
                """, [client, pick])
            return "replace an account (cascade)"
        default:
            try db.execute("UPDATE post_platforms SET status = (CASE status WHEN 'failed' THEN 'published' ELSE 'failed' END)::platform_post_status WHERE account_id = (SELECT account_id FROM post_platforms ORDER BY md5(id::text || $1::text) LIMIT 1)", [pick])
            return "flip failed and published on a whole account"
        }
    }

    /// Two clients with three accounts each.
    static func makeClients(_ db: Connection) throws -> [UUID] {
        var clients: [UUID] = []
        for name in ["Acme", "Globex"] {
            let client = try db.makeClient(name)
            for platform in ["instagram", "linkedin", "tiktok"] { _ = try db.makeAccount(client: client, platform: platform) }
            clients.append(client)
        }
        return clients
    }

    @Test func countsEqualAFullCountAfterEveryRandomWrite() throws {
        let db = try TestDatabase.make().connect()
        try Migrator.migrate(db)
        let clients = try Self.makeClients(db)
        var random = SeededRandom(seed: 6)
        for step in 0..<300 {
            let write = try Self.randomWrite(db, clients: clients, random: &random)
            let wrong = try Self.mismatches(db)
            #expect(wrong.isEmpty, "after step \(step), \(write): \(wrong)")
            if !wrong.isEmpty { return }
        }
        #expect(try db.execute("SELECT count(*) AS n FROM post_platforms").first!.decode("n", as: Int.self) > 20,
                "the writes left rows to count")
        #expect(try Self.viewMismatches(db) == 0)
    }

    @Test func deletingAClientCascadesToItsAccountsPostsAndCounts() throws {
        let db = try TestDatabase.make().connect()
        try Migrator.migrate(db)
        let clients = try Self.makeClients(db)
        var random = SeededRandom(seed: 7)
        for _ in 0..<30 { _ = try Self.randomWrite(db, clients: clients, random: &random) }
        try db.execute("DELETE FROM clients WHERE id = $1::uuid", [clients[0]])
        #expect(try Self.mismatches(db) == [])
        try db.execute("DELETE FROM agencies")
        #expect(try db.execute("SELECT count(*) AS n FROM postdeck_account_post_counts").first!.decode("n", as: Int.self) == 0)
    }

    @Test func truncateEmptiesTheCounts() throws {
        let db = try TestDatabase.make().connect()
        try Migrator.migrate(db)
        let clients = try Self.makeClients(db)
        var random = SeededRandom(seed: 8)
        for _ in 0..<20 { _ = try Self.randomWrite(db, clients: clients, random: &random) }
        try db.execute("TRUNCATE post_platforms CASCADE")
        #expect(try db.execute("SELECT count(*) AS n FROM postdeck_account_post_counts").first!.decode("n", as: Int.self) == 0)
        // What `postdeck seed --force` does: every table at once, accounts included.
        for _ in 0..<20 { _ = try Self.randomWrite(db, clients: clients, random: &random) }
        let tables = DemoData.tables + ["postdeck_agency_managers", "postdeck_job_claims", "postdeck_deliveries"]
        try db.execute("TRUNCATE " + tables.map { "public.\($0)" }.joined(separator: ", "))
        #expect(try Self.mismatches(db) == [])
    }

    @Test func theMigrationBackfillsExistingRows() throws {
        let db = try TestDatabase.make().connect()
        try Migrator.migrate(db, migrations: Migrations.all.filter { $0.version < 6 })
        let clients = try Self.makeClients(db)
        var random = SeededRandom(seed: 9)
        for _ in 0..<40 { _ = try Self.randomWrite(db, clients: clients, random: &random) }
        try Migrator.migrate(db)
        #expect(try db.execute("SELECT count(*) AS n FROM postdeck_account_post_counts").first!.decode("n", as: Int.self) > 0)
        #expect(try Self.mismatches(db) == [])
        #expect(try Self.viewMismatches(db) == 0)
    }

    @Test func aWriterWithoutRightsOnTheCountsTableStillKeepsThemRight() throws {
        let database = try TestDatabase.make()
        let db = try database.connect()
        try Migrator.migrate(db)
        let clients = try Self.makeClients(db)
        // An application role that was granted the seed's tables only, as a Prisma app would be.
        let role = "app_\(database.name)"
        try db.execute("CREATE ROLE \(role)")
        try db.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(role)")
        try db.execute("REVOKE ALL ON postdeck_account_post_counts FROM \(role)")
        defer { _ = try? db.execute("DROP OWNED BY \(role)"); _ = try? db.execute("DROP ROLE \(role)") }
        try db.execute("SET ROLE \(role)")
        var random = SeededRandom(seed: 10)
        for _ in 0..<30 { _ = try Self.randomWrite(db, clients: clients, random: &random) }
        #expect(throws: StoreError.self) { try db.execute("SELECT * FROM postdeck_account_post_counts") }
        try db.execute("RESET ROLE")
        #expect(try Self.mismatches(db) == [])
    }

    @Test func concurrentWritersOnTheSameAccountsKeepTheCountsExact() throws {
        let database = try TestDatabase.make()
        let db = try database.connect()
        try Migrator.migrate(db)
        let clients = try Self.makeClients(db)
        let failures = Mutex<[String]>([])
        let group = DispatchGroup()
        for worker in 0..<4 {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    let connection = try database.connect()
                    var random = SeededRandom(seed: UInt64(100 + worker))
                    for _ in 0..<60 {
                        do {
                            _ = try Self.randomWrite(connection, clients: clients, random: &random)
                        } catch StoreError.server(let error) where ["23505", "23503", "40P01"].contains(error.sqlState) {
                            // Two writers picked the same post and account, one deleted what the other
                            // referenced, or their row locks crossed (a cascading delete against an
                            // update): the statement fails whole, and so does its count.
                        }
                    }
                } catch {
                    failures.withLock { $0.append("worker \(worker): \(error)") }
                }
            }.start()
        }
        #expect(group.wait(timeout: .now() + 120) == .success)
        #expect(failures.withLock { $0 } == [])
        #expect(try Self.mismatches(db) == [])
        #expect(try Self.viewMismatches(db) == 0)
    }

    @Test func writersThatTouchTheSameAccountsInDifferentOrdersNeverDeadlock() throws {
        let database = try TestDatabase.make()
        let db = try database.connect()
        try Migrator.migrate(db)
        let client = try Self.makeClients(db)[0]
        let failures = Mutex<[String]>([])
        let group = DispatchGroup()
        for worker in 0..<4 {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    let connection = try database.connect()
                    for round in 0..<40 {
                        // Each statement writes rows on all of the client's accounts, in an order
                        // of its own; each transaction holds its counter rows until it commits.
                        try connection.transaction { tx in
                            try tx.execute("""
                                WITH post AS (INSERT INTO posts (client_id, content) VALUES ($1::uuid, 'race') RETURNING id)
                                INSERT INTO post_platforms (post_id, account_id, status)
                                SELECT post.id, a.id, 'failed' FROM post, accounts a WHERE a.client_id = $1::uuid
                                ORDER BY md5(a.id::text || $2::text)
                                """, [client, "\(worker)-\(round)"])
                            try tx.execute("UPDATE post_platforms SET status = 'published' WHERE post_id IN (SELECT id FROM posts WHERE content = 'race' ORDER BY random() LIMIT 1)")
                        }
                    }
                } catch {
                    failures.withLock { $0.append("worker \(worker): \(error)") }
                }
            }.start()
        }
        #expect(group.wait(timeout: .now() + 120) == .success)
        #expect(failures.withLock { $0 } == [], "no deadlock")
        #expect(try Self.mismatches(db) == [])
        #expect(try db.execute("SELECT count(*) AS n FROM post_platforms").first!.decode("n", as: Int.self) == 4 * 40 * 3)
    }
}
