import Foundation
import Testing
import PostDeckStore
import PostDeckTestSupport

/// `account_health`: the seed calls an expired token `expiring_soon` and a missing one
/// `healthy`; migration 2 reads them `expired`, and keeps one row per account.
@Suite struct AccountHealthViewTests {
    private func health(_ db: Connection) throws -> [(account: UUID, status: String, total: Int, failed: Int)] {
        try db.execute("SELECT account_id, token_status, total_posts, failed_posts FROM account_health").rows.map {
            (try $0.decode("account_id", as: UUID.self), try $0.decode("token_status", as: String.self),
             try $0.decode("total_posts", as: Int.self), try $0.decode("failed_posts", as: Int.self))
        }
    }

    private func statuses(_ db: Connection) throws -> [UUID: String] {
        Dictionary(try health(db).map { ($0.account, $0.status) }, uniquingKeysWith: { first, _ in first })
    }

    private func token(_ db: Connection, account: UUID, expiresIn interval: String?) throws {
        try db.execute("""
            INSERT INTO platform_tokens (account_id, access_token, expires_at)
            VALUES ($1::uuid, 'secret', now() + $2::interval)
            """, [account, interval])
    }

    @Test func everyTokenStateReadsWhatItMeans() throws {
        let db = try TestDatabase.make().connect()
        try Migrator.migrate(db, migrations: [Migrations.all[0]])
        let client = try db.makeClient("Acme")
        let expired = try db.makeAccount(client: client, platform: "linkedin")
        let expiring = try db.makeAccount(client: client, platform: "instagram")
        let farOff = try db.makeAccount(client: client, platform: "tiktok")
        let noExpiry = try db.makeAccount(client: client, platform: "facebook")
        let noToken = try db.makeAccount(client: client, platform: "linkedin", username: "second_page")
        try token(db, account: expired, expiresIn: "-1 day")
        try token(db, account: expiring, expiresIn: "3 days")
        try token(db, account: farOff, expiresIn: "60 days")
        try token(db, account: noExpiry, expiresIn: nil)

        let seed = try statuses(db)
        #expect(seed[expired] == "expiring_soon", "the seed tests 'within 7 days' before 'expired'")
        #expect(seed[noToken] == "healthy", "the seed calls an account that cannot publish healthy")

        try Migrator.migrate(db)
        let fixed = try statuses(db)
        #expect(fixed == [expired: "expired", expiring: "expiring_soon", farOff: "healthy",
                          noExpiry: "healthy", noToken: "expired"])
    }

    @Test func severalTokenRowsStillGiveOneRowPerAccountWithUnmultipliedCounts() throws {
        let db = try TestDatabase.make().connect()
        try Migrator.migrate(db, migrations: [Migrations.all[0]])
        // The seed has UNIQUE(account_id), but a database adopted from elsewhere may not.
        try db.execute("ALTER TABLE platform_tokens DROP CONSTRAINT platform_tokens_account_id_key")
        let client = try db.makeClient("Acme")
        let account = try db.makeAccount(client: client, platform: "linkedin")
        try token(db, account: account, expiresIn: "-30 days")
        try token(db, account: account, expiresIn: "90 days")
        for (index, status) in ["published", "published", "failed"].enumerated() {
            _ = try db.makePostPlatform(post: try db.makePost(client: client, content: "post \(index)"), account: account, status: status)
        }

        let seed = try health(db)
        #expect(seed.count == 2, "the seed groups by each token's expiry")

        try Migrator.migrate(db)
        let fixed = try health(db)
        #expect(fixed.count == 1)
        #expect(fixed.first?.status == "healthy", "the token that lasts longest decides")
        #expect(fixed.first?.total == 3)
        #expect(fixed.first?.failed == 1)
    }

    @Test func postCountsAreNotMultipliedAndClientIDIsAppended() throws {
        let db = try TestDatabase.migrated().connect()
        let client = try db.makeClient("Acme")
        let other = try db.makeClient("Acme")
        let account = try db.makeAccount(client: client, platform: "instagram")
        _ = try db.makeAccount(client: other, platform: "instagram")
        try token(db, account: account, expiresIn: "2 hours")
        for index in 0..<4 {
            _ = try db.makePostPlatform(post: try db.makePost(client: client, content: "post \(index)"), account: account,
                                        status: index == 0 ? "failed" : "published")
        }
        let rows = try db.execute("SELECT * FROM account_health WHERE client_id = $1::uuid", [client]).rows
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(try row.decode("token_status", as: String.self) == "expiring_soon")
        #expect(try row.decode("total_posts", as: Int.self) == 4)
        #expect(try row.decode("failed_posts", as: Int.self) == 1)
        #expect(try row.decode("client_id", as: UUID.self) == client)
        #expect(try row.decode("client_name", as: String.self) == "Acme")
    }
}
