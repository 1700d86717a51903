import Foundation
import Testing
import PostDeckCore
@testable import PostDeckStore
import PostDeckTestSupport

/// A client with an Instagram account (valid token), a LinkedIn account (no token), an
/// inactive TikTok account, a campaign and a template.
enum ComposerScenario {
    static let client = ClientID("c1000000-0000-4000-8000-000000000001")!
    static let instagram = AccountID("d1000000-0000-4000-8000-000000000001")!
    static let linkedin = AccountID("d1000000-0000-4000-8000-000000000002")!
    static let tiktok = AccountID("d1000000-0000-4000-8000-000000000003")!
    static let campaign = CampaignID("e1000000-0000-4000-8000-000000000001")!

    static func install(on db: Connection) throws {
        try Migrator.migrate(db) { _ in }
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

    static func makeDatabase() throws -> (TestDatabase, Connection) {
        let database = try TestDatabase.make()
        let db = try database.connect()
        try install(on: db)
        return (database, db)
    }

    static func create(_ text: String = "Fresh bread 🥖 today\n焼きたてのパン") -> PostChange {
        .create(client: client, PostEdit(text: .set(text), variations: .set([.linkedin: "Fresh bread for the network"]),
                                         settings: .set(PostSettings(hashtags: ["#bread"], mentions: ["@baker"], firstComment: "#more #tags")),
                                         campaign: .set(campaign), addedAccounts: [instagram, linkedin]))
    }
}

@Suite struct ComposerQueriesTests {
    typealias S = ComposerScenario

    private func count(_ db: Connection, _ sql: String, _ parameters: [(any SQLParameter)?] = []) throws -> Int {
        try db.execute(sql, parameters).first!.decode("n")
    }

    private func written(_ outcome: PostWriteOutcome) throws -> PostWriteRecord {
        guard case .done(let record) = outcome else { Issue.record("expected a write, got \(outcome)"); throw StoreError.invalid("not written") }
        return record
    }

    @Test func choicesListEveryAccountAndCampaignAndOfferOnlyTheActiveOnes() throws {
        let (_, db) = try S.makeDatabase()
        let choices = try db.run(ComposerQueries.choices(for: S.client))
        #expect(choices.accounts.map(\.id) == [S.linkedin, S.instagram])
        #expect(choices.accounts.map(\.tokenStatus) == [.expired, .healthy])
        #expect(choices.allAccounts.map(\.id) == [S.linkedin, S.instagram, S.tiktok])
        #expect(choices.account(S.tiktok)?.active == false)
        #expect(choices.campaigns.map(\.name) == ["Spring"])
        #expect(choices.allCampaigns.map(\.name) == ["Old", "Spring"])
        #expect(choices.campaigns.first?.covers(LocalDate(year: 2030, month: 3, day: 31)!) == true)
        #expect(choices.campaigns.first?.covers(LocalDate(year: 2030, month: 4, day: 1)!) == false)
        #expect(choices.templates.first?.variations == [.linkedin: "Dear network"])
        #expect(choices.templates.first?.settings.hashtags == ["#bread"])
    }

    @Test func theTextSurvivesAConnectionDroppedInTheMiddleOfASave() throws {
        let (database, db) = try S.makeDatabase()
        let id = PostID.random()
        let first = try written(db.run(PostWrites.write(S.create("Text that must not be lost ✍️"), to: id, expecting: nil)))
        // Another session holds the post's row lock, so the save waits; then its backend is killed.
        let blocker = try database.connect()
        _ = try blocker.execute("BEGIN")
        _ = try blocker.execute("SELECT 1 FROM posts WHERE id = $1::uuid FOR UPDATE", [id])
        let saver = try database.connect()
        let pid: Int = try saver.execute("SELECT pg_backend_pid()::int AS pid").first!.decode("pid")
        let edit = PostChange.save(PostEdit(text: .set("Edited text that must not be lost ✍️ 编辑")))
        let killer = Thread {
            guard let admin = try? database.connect() else { return }
            // Wait until the save is blocked on the row lock, then end its backend.
            for _ in 0..<2_000 {
                let waiting = (try? admin.execute("SELECT wait_event_type = 'Lock' AS w FROM pg_stat_activity WHERE pid = $1::int", [pid])
                    .first?.decode("w", as: Bool?.self)) ?? nil
                if waiting == true { break }
                usleep(5_000)
            }
            _ = try? admin.execute("SELECT pg_terminate_backend($1::int)", [pid])
        }
        killer.start()
        var failure: StoreError?
        do { _ = try saver.run(PostWrites.write(edit, to: id, expecting: first.stamp)) } catch let error as StoreError { failure = error }
        #expect(failure?.isConnectionProblem == true)
        _ = try blocker.execute("ROLLBACK")
        // Nothing half-written: the old text is intact.
        #expect(try db.execute("SELECT content FROM posts").first!.decode("content", as: String.self) == "Text that must not be lost ✍️")
        // The caller still has the text; the retry on a new connection writes it, once.
        let retried = try written(database.connect().run(PostWrites.write(edit, to: id, expecting: first.stamp)))
        #expect(retried.after?.content == "Edited text that must not be lost ✍️ 编辑")
        #expect(try count(db, "SELECT count(*)::int AS n FROM posts") == 1)
    }
}
