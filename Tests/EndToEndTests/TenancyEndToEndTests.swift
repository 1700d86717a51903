import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// Agencies sharing one database, with the real binary: manager roles on the command line,
/// a real hot standby (`pg_basebackup -R`) and a real PgBouncer in transaction mode.
@Suite(.serialized) struct TenancyEndToEndTests {
    typealias CLI = CommandLineTests

    @Test func everyCommandAsEachRoleShowsOnlyItsAgencyAndReadersCannotWrite() throws {
        let scenario = try TenancyScenario.make()
        defer { scenario.drop() }
        let owner = scenario.database.conninfo
        func objects(_ arguments: [String], as conninfo: String) throws -> [[String: Any]] {
            let run = try CLI.postdeck(arguments + ["--db", conninfo, "--format", "json"])
            #expect(run.status == 0 || run.status == 3, "\(arguments): \(run.output)")
            return try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
        }
        let ownerHealth = try objects(["health"], as: owner)
        let ownerPerformance = try objects(["performance", "--since", "all"], as: owner)
        let ownerAgenda = try objects(["agenda", "--days", "60"], as: owner)
        for manager in scenario.managers {
            let mine = Set(try scenario.clients(of: manager.agency).map(\.description))
            func ids(_ rows: [[String: Any]], _ key: String) -> [String] { rows.compactMap { $0[key] as? String } }
            let health = try objects(["health"], as: manager.conninfo)
            #expect(ids(health, "account_id") == ids(ownerHealth.filter { mine.contains($0["client_id"] as? String ?? "") }, "account_id"))
            let performance = try objects(["performance", "--since", "all"], as: manager.conninfo)
            #expect(ids(performance, "post_id") == ids(ownerPerformance.filter { mine.contains($0["client_id"] as? String ?? "") }, "post_id"))
            let agenda = try objects(["agenda", "--days", "60"], as: manager.conninfo)
            #expect(agenda.count == ownerAgenda.filter { mine.contains($0["client_id"] as? String ?? "") }.count)
            #expect(!health.isEmpty && !performance.isEmpty)
        }

        // A reader: one line, status 1, nothing written.
        let reader = scenario.reader(0)
        let client = try #require(try Connection(conninfo: reader.conninfo).run(ClientQueries.all()).first)
        let account = try #require(try Connection(conninfo: reader.conninfo).run(ComposerQueries.choices(for: client.id)).accounts.first)
        let refused = try CLI.postdeck(["post", "draft", "--db", reader.conninfo, "--client", client.id.description,
                                        "--account", account.id.description, "--content", "hello"])
        #expect(refused.status == 1)
        #expect(refused.output == "postdeck: read-only: role \(reader.role) may only read \(reader.agencyName)\n")
        let post = try #require(try Connection(conninfo: owner).execute("""
            SELECT id FROM posts WHERE client_id = $1::uuid AND status = 'scheduled' AND scheduled_at > now() LIMIT 1
            """, [client.id]).first?.decode("id", as: PostID.self))
        for arguments in [["post", "cancel", post.description], ["post", "reschedule", post.description, "--at", "2099-01-01 10:00"],
                          ["seed", "--force"], ["migrate"], ["access", "grant", reader.role, "--agency", reader.agencyName]] {
            let run = try CLI.postdeck(arguments + ["--db", reader.conninfo])
            #expect(run.status == 1, "\(arguments)")
            #expect(run.output == "postdeck: read-only: role \(reader.role) may only read \(reader.agencyName)\n", "\(arguments)")
        }
        // The writer of the same agency writes; the owner lists who manages what.
        let written = try CLI.postdeck(["post", "draft", "--db", scenario.writer(0).conninfo, "--client", client.id.description,
                                        "--account", account.id.description, "--content", "hello from the writer"])
        #expect(written.status == 0, "\(written.output)")
        let list = try CLI.postdeck(["access", "list", "--db", owner])
        #expect(scenario.managers.allSatisfy { list.output.contains($0.role) })
        let revoke = try CLI.postdeck(["access", "revoke", reader.role, "--agency", reader.agencyName, "--db", owner])
        #expect(revoke.output == "\(reader.role) no longer manages \(reader.agencyName)\n")
    }

    @Test func aHotStandbyIsReadOnlyAndServesTheReadsOfAUIThatWritesToThePrimary() throws {
        let pair = try StandbyPair.start()
        defer { pair.stop() }
        let primary = try Connection(conninfo: pair.primaryConninfo())
        try Migrator.migrate(primary)
        _ = try DemoData.seed(on: primary, options: .init(randomSeed: 1, now: Date(), scale: nil, force: false, progress: nil))
        try pair.waitForReplay()
        let standby = pair.standbyConninfo()
        let client = try #require(try primary.run(ClientQueries.all()).first)
        let account = try #require(try primary.run(ComposerQueries.choices(for: client.id)).accounts.first)

        // The command line: reads work on the standby, writes say why they do not.
        #expect(try CLI.postdeck(["health", "--db", standby, "--format", "csv"]).status != 1)
        for arguments in [["post", "draft", "--client", client.id.description, "--account", account.id.description, "--content", "x"],
                          ["migrate"], ["seed", "--force"]] {
            let run = try CLI.postdeck(arguments + ["--db", standby])
            #expect(run.status == 1)
            #expect(run.output == "postdeck: read-only: connected to a standby\n", "\(arguments)")
        }
        // A multi-host string that asks for a primary skips the standby.
        let multi = "host=\(pair.socketDirectory),\(pair.primary.socketDirectory) port=5432,5432 user=postgres dbname=postgres target_session_attrs=read-write"
        let draft = try CLI.postdeck(["post", "draft", "--db", multi, "--client", client.id.description,
                                      "--account", account.id.description, "--content", "through a multi-host string"])
        #expect(draft.status == 0, "\(draft.output)")

        // The UI on the standby alone: read-only, and the write keys say so.
        let readOnly = try TerminalSession.start(["--db", standby], width: 200, height: 50)
        defer { readOnly.close() }
        try readOnly.waitFor("[R] read-only")
        readOnly.press("A")
        try readOnly.waitFor("read-only: connected to a standby — nothing was changed")

        // The UI reading from the standby, writing to the primary: a write goes through, and a
        // change made elsewhere on the primary shows once the standby has it.
        let ui = try TerminalSession.start(["--db", pair.primaryConninfo(), "--read-db", standby, "--check-interval", "1"], width: 200, height: 50)
        defer { ui.close() }
        let screen = try ui.waitFor("reads: \(pair.socketDirectory):5432")
        #expect(!screen.contains("[R]"))
        let renamed = "renamed-on-the-primary"
        try primary.execute("UPDATE accounts SET username = $1::text WHERE id = $2::uuid", [renamed, account.id])
        try ui.waitFor(renamed, timeout: .seconds(20))
        #expect(!ui.screen().contains("[R]"))
    }

    @Test func throughPgBouncerInTransactionModeWritesWorkAndChangesArriveByPollingOrByADirectListen() throws {
        let cluster = try #require(TestDatabase.cluster, "needs the suite's own cluster")
        let scenario = try TenancyScenario.make()
        defer { scenario.drop() }
        let bouncer = try PgBouncer.start(serverSocket: cluster.socketDirectory, roles: scenario.managers.map(\.role))
        defer { bouncer.stop() }
        let writer = scenario.writer(0), reader = scenario.reader(0)
        let pooled = bouncer.conninfo(database: scenario.database.name, user: writer.role)

        // migrate takes its lock for its one transaction: through the pooler it finds nothing to do.
        let migrate = try CLI.postdeck(["migrate", "--db", bouncer.conninfo(database: scenario.database.name)])
        #expect(migrate.output == "database is up to date (migration \(Migrations.latestVersion))\n")
        let fresh = try TestDatabase.make()
        let applied = try CLI.postdeck(["migrate", "--db", bouncer.conninfo(database: fresh.name)])
        #expect(applied.status == 0, "\(applied.output)")
        #expect(try Migrator.status(fresh.connect()).allSatisfy { $0.status == .applied })

        let db = try Connection(conninfo: writer.conninfo)
        let client = try #require(try db.run(ClientQueries.all()).first)
        let account = try #require(try db.run(ComposerQueries.choices(for: client.id)).accounts.first)
        let draft = try CLI.postdeck(["post", "draft", "--db", pooled, "--client", client.id.description,
                                      "--account", account.id.description, "--content", "through the pooler"])
        #expect(draft.status == 0, "\(draft.output)")
        let refused = try CLI.postdeck(["post", "draft", "--db", bouncer.conninfo(database: scenario.database.name, user: reader.role),
                                        "--client", client.id.description, "--account", account.id.description, "--content", "x"])
        #expect(refused.output == "postdeck: read-only: role \(reader.role) may only read \(reader.agencyName)\n")

        let owner = try scenario.database.connect()
        // No direct connection: LISTEN cannot work through the pooler, so the UI polls, says so, and still refreshes.
        let polling = try TerminalSession.start(["--db", pooled, "--check-interval", "1"], width: 200, height: 50)
        defer { polling.close() }
        try polling.waitFor("poll 1 s", timeout: .seconds(15))
        try owner.execute("UPDATE accounts SET username = 'seen-by-polling' WHERE id = $1::uuid", [account.id])
        try polling.waitFor("seen-by-polling", timeout: .seconds(15))

        // With --listen-db a direct connection holds the LISTEN: live refresh, no polling.
        let live = try TerminalSession.start(["--db", pooled, "--listen-db", writer.conninfo, "--check-interval", "1"], width: 200, height: 50)
        defer { live.close() }
        try live.waitFor("seen-by-polling")
        try owner.execute("UPDATE accounts SET username = 'seen-by-listen' WHERE id = $1::uuid", [account.id])
        let screen = try live.waitFor("seen-by-listen", timeout: .seconds(15))
        #expect(!screen.contains("poll"))
        // And the write keys work through the pooler: deactivate the account.
        live.press("/").type("seen-by-listen").press("Enter")
        try live.waitFor("filter: seen-by-listen")
        live.press("A")
        try live.waitFor("Deactivate")
        live.press("y")
        // ACTIVE turns "no" beside the "no token" the row already shows.
        try live.waitUntil("the account turned inactive", timeout: .seconds(15)) { screen in
            screen.split(separator: "\n").contains { $0.contains("seen-by-listen") && $0.split(separator: " ").filter { $0 == "no" }.count == 2 }
        }
        #expect(try owner.execute("SELECT active FROM accounts WHERE id = $1::uuid", [account.id]).first?.decode("active", as: Bool.self) == false)
    }
}
