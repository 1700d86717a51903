import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// `postdeck post draft|schedule` on the demo data set, run as a script would run them.
@Suite struct PostCommandLineTests {
    static func postdeck(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandLineTests.Run {
        try CommandLineTests.postdeck(arguments, environment: environment)
    }

    /// A seeded database and one client with an active account on each network.
    struct Seeded {
        let database: TestDatabase
        let db: Connection
        let client: String
        let instagram: String
        let tiktok: String
        let linkedin: String
        let facebook: String

        init() throws {
            database = try TestDatabase.migrated()
            db = try database.connect()
            _ = try DemoData.seed(on: db, options: .init(randomSeed: 1, now: Date()))
            let row = try #require(try db.execute("""
                SELECT c.id::text AS client, i.id::text AS instagram, t.id::text AS tiktok,
                       l.id::text AS linkedin, f.id::text AS facebook
                FROM clients c
                JOIN accounts i ON i.client_id = c.id AND i.platform = 'instagram' AND i.active IS TRUE
                JOIN accounts t ON t.client_id = c.id AND t.platform = 'tiktok' AND t.active IS TRUE
                JOIN accounts l ON l.client_id = c.id AND l.platform = 'linkedin' AND l.active IS TRUE
                JOIN accounts f ON f.client_id = c.id AND f.platform = 'facebook' AND f.active IS TRUE
                ORDER BY c.name, c.id, i.id, t.id, l.id, f.id LIMIT 1
                """).first)
            client = try row.decode("client", as: String.self)
            instagram = try row.decode("instagram", as: String.self)
            tiktok = try row.decode("tiktok", as: String.self)
            linkedin = try row.decode("linkedin", as: String.self)
            facebook = try row.decode("facebook", as: String.self)
        }

        func count(_ sql: String) throws -> Int { try db.execute(sql).first!.decode("n", as: Int.self) }
    }

    @Test func draftPrintsTheIdAndStoresTheExactText() throws {
        let seeded = try Seeded()
        let text = "Fresh beans 🫘☕️ today\n新しい豆が入荷しました 👩🏽‍🍳\nfamily: 👨‍👩‍👧‍👦 · café · e\u{301}"
        let run = try Self.postdeck(["post", "draft", "--db", seeded.database.conninfo, "--client", seeded.client,
                                     "--account", seeded.linkedin, "--account", seeded.facebook, "--content", text])
        #expect(run.status == 0, "\(run.output)")
        // stdout and stderr share the capture: token warnings may precede the id.
        let ids = run.output.split(separator: "\n").compactMap { UUID(uuidString: String($0)) }
        #expect(ids.count == 1, "prints the id once: \(run.output)")
        let id = try #require(ids.first)
        let row = try #require(try seeded.db.execute("""
            SELECT content, status::text AS status, client_id::text AS client,
                   (SELECT count(*) FROM post_platforms pp WHERE pp.post_id = p.id AND pp.status = 'pending')::int AS pending,
                   (SELECT count(*) FROM scheduled_jobs j WHERE j.job_data->>'post_id' = p.id::text)::int AS jobs
            FROM posts p WHERE p.id = $1::uuid
            """, [id]).first)
        #expect(try row.decode("content", as: String.self) == text, "the text is stored byte for byte")
        #expect(try row.decode("content", as: String.self).unicodeScalars.elementsEqual(text.unicodeScalars))
        #expect(try row.decode("status", as: String.self) == "draft")
        #expect(try row.decode("client", as: String.self) == seeded.client)
        #expect(try row.decode("pending", as: Int.self) == 2)
        #expect(try row.decode("jobs", as: Int.self) == 0)
    }

    @Test func aTooLongInstagramCaptionIsRefusedWithTheProblemsListedPerNetwork() throws {
        let seeded = try Seeded()
        let before = try seeded.count("SELECT count(*)::int AS n FROM posts")
        let jobsBefore = try seeded.count("SELECT count(*)::int AS n FROM scheduled_jobs")
        let caption = String(repeating: "雪", count: 2_201)   // 2,201 characters, 6,603 bytes
        let at = try DisplayZone(named: "UTC").format(Date().addingTimeInterval(10 * 86_400), .dateTime)
        let run = try Self.postdeck(["post", "schedule", "--db", seeded.database.conninfo, "--client", seeded.client,
                                     "--account", seeded.instagram, "--account", seeded.tiktok, "--account", seeded.linkedin,
                                     "--at", at, "--tz", "UTC", "--content", caption])
        #expect(run.status == 1, "\(run.output)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("postdeck: not written:"))
        let problems = lines.filter { $0.hasPrefix("  - ") }
        #expect(problems.contains { $0.hasPrefix("  - Instagram: caption") && $0.contains("2,201") && $0.contains("2,200") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("  - TikTok: caption") && $0.contains("2,201") }, "\(problems)")
        #expect(problems.allSatisfy { $0.hasPrefix("  - Instagram: ") || $0.hasPrefix("  - TikTok: ") }, "LinkedIn allows 3,000: \(problems)")
        #expect(try seeded.count("SELECT count(*)::int AS n FROM posts") == before, "nothing was written")
        #expect(try seeded.count("SELECT count(*)::int AS n FROM scheduled_jobs") == jobsBefore)
    }

    @Test func aLoweredLimitInTheConfigFileIsHonouredAndABrokenFileWarnsInOneLine() throws {
        let seeded = try Seeded()
        let config = NSTemporaryDirectory() + "postdeck-rules-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: config) }
        try FileManager.default.createDirectory(atPath: config + "/postdeck", withIntermediateDirectories: true)
        let file = config + "/postdeck/config.toml"
        let arguments = ["post", "draft", "--db", seeded.database.conninfo, "--client", seeded.client,
                         "--account", seeded.linkedin, "--content", String(repeating: "a", count: 150)]
        let standard = try Self.postdeck(arguments, environment: ["XDG_CONFIG_HOME": config])
        #expect(standard.status == 0, "\(standard.output)")
        #expect(!standard.output.contains("limit 100"))

        try "[rules.linkedin]\ncaption_limit = 100\n".write(toFile: file, atomically: true, encoding: .utf8)
        let lowered = try Self.postdeck(arguments, environment: ["XDG_CONFIG_HOME": config])
        // A draft is saved with network errors (only scheduling is blocked), and says so.
        #expect(lowered.status == 0)
        #expect(lowered.output.contains("postdeck: warning: LinkedIn: caption is 150 characters, limit 100"), "\(lowered.output)")

        try "[rules.linkedin]\ncaption_limit = 100\ncaption_limt = 1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let broken = try Self.postdeck(arguments, environment: ["XDG_CONFIG_HOME": config])
        #expect(broken.status == 0, "the standard rules are used: \(broken.output)")
        #expect(broken.output.contains("postdeck: warning: \(file):3: rules.linkedin: unknown key \"caption_limt\""), "\(broken.output)")
        #expect(broken.output.contains("the standard rules are used"))
    }
}
