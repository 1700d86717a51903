import Foundation
import Testing
import PostDeckCore
@testable import PostDeckStore
import PostDeckTestSupport

/// Migration 7 with real roles: two agencies, a writer and a reader for each. Every pane
/// query as each role returns exactly the owner's rows of that agency; writes reach only
/// the role's own writable agency; token columns stay unreadable.
@Suite(.serialized) struct RowLevelSecurityTests {
    @Test func everyPaneQueryAsEachRoleReturnsOnlyItsAgencysRows() throws {
        let scenario = try TenancyScenario.make()
        defer { scenario.drop() }
        let owner = try scenario.database.connect()
        let now = Date()
        let range = TimeRange(start: now.addingTimeInterval(-90 * 86_400), end: now.addingTimeInterval(90 * 86_400))
        let ownerClients = try owner.run(ClientQueries.all())
        let ownerHealth = try owner.run(HealthQueries.accounts(in: .allClients))
        let ownerCalendar = try owner.run(CalendarQueries.page(in: .allClients, range: range, unscheduledLimit: 1000))
        let ownerPerformance = try owner.run(PerformanceQueries.list(PerformanceFilter(), sort: PerformanceSort(.likes)))
        #expect(Set(ownerClients.compactMap(\.agencyID)).count == 2, "the demo data has two agencies")

        for manager in scenario.managers {
            let mine = try scenario.clients(of: manager.agency)
            let db = try Connection(conninfo: manager.conninfo)
            let clients = try db.run(ClientQueries.all())
            #expect(clients == ownerClients.filter { mine.contains($0.id) }, "clients as \(manager.role)")
            #expect(try db.run(HealthQueries.accounts(in: .allClients)) == ownerHealth.filter { mine.contains($0.clientID) })
            let page = try db.run(CalendarQueries.page(in: .allClients, range: range, unscheduledLimit: 1000))
            #expect(page.posts == ownerCalendar.posts.filter { mine.contains($0.clientID) })
            #expect(Set(page.unscheduled.map(\.id)) == Set(ownerCalendar.unscheduled.filter { mine.contains($0.clientID) }.map(\.id)))
            #expect(try db.run(PerformanceQueries.list(PerformanceFilter(), sort: PerformanceSort(.likes)))
                    == ownerPerformance.filter { mine.contains($0.clientID) })
            let client = try #require(clients.first)
            #expect(try db.run(ComposerQueries.choices(for: client.id)) == owner.run(ComposerQueries.choices(for: client.id)))
            #expect(!page.posts.isEmpty && !clients.isEmpty, "the comparison must compare something")
            // Another agency's client, asked for by id, is simply not there.
            let other = try #require(ownerClients.first { !mine.contains($0.id) })
            #expect(try db.run(HealthQueries.accounts(in: .client(other.id))).isEmpty)
            #expect(try db.run(ComposerQueries.choices(for: other.id)).accounts.isEmpty)
        }
    }

    @Test func tokenColumnsRaisePermissionDeniedAndEveryOtherColumnReads() throws {
        let scenario = try TenancyScenario.make()
        defer { scenario.drop() }
        for manager in [scenario.writer(0), scenario.reader(1)] {
            let db = try Connection(conninfo: manager.conninfo)
            for column in ["access_token", "refresh_token", "*"] {
                do {
                    try db.execute("SELECT \(column) FROM platform_tokens")
                    Issue.record("\(manager.role) read \(column)")
                } catch StoreError.server(let error) {
                    #expect(error.sqlState == "42501")
                    #expect(error.description.hasPrefix("permission denied for table platform_tokens"))
                }
            }
            let visible = try db.execute("SELECT count(*) AS n FROM platform_tokens").first?.decode("n", as: Int.self)
            #expect((visible ?? 0) > 0)
            // Nor the agencies' e-mail addresses and settings.
            #expect(throws: StoreError.self) { try db.execute("SELECT email FROM agencies") }
        }
    }

    @Test func aWriterWritesItsOwnAgencyThroughTheStoreAndChangesNothingOfTheOther() throws {
        let scenario = try TenancyScenario.make()
        defer { scenario.drop() }
        let owner = try scenario.database.connect()
        let writer = try Connection(conninfo: scenario.writer(0).conninfo)
        let mine = try scenario.clients(of: scenario.agencies[0].id)
        let client = try #require(try writer.run(ClientQueries.all()).first)
        let accounts = try writer.run(ComposerQueries.choices(for: client.id)).accounts.prefix(2).map(\.id)

        // A new scheduled post with its platforms and its publish job, then moved, then cancelled.
        let post = PostID.random()
        let at = Date().addingTimeInterval(7 * 86_400)
        let edit = PostEdit(text: .set("written by a manager"), addedAccounts: accounts)
        guard case .done(let created) = try writer.run(PostWrites.write(.createScheduled(client: client.id, edit, at: at), to: post, expecting: nil)) else {
            Issue.record("the writer's save was refused"); return
        }
        #expect(created.job == .created)
        #expect(created.after?.accountIDs == accounts)
        #expect(try owner.execute("SELECT count(*) AS n FROM scheduled_jobs WHERE post_id = $1::uuid AND status = 'pending'", [post])
                .first?.decode("n", as: Int.self) == 1)
        guard case .done(let moved) = try writer.run(PostWrites.write(.move(to: at.addingTimeInterval(3_600)), to: post, expecting: created.stamp)) else {
            Issue.record("the move was refused"); return
        }
        #expect(moved.job == .updated)
        guard case .done(let cancelled) = try writer.run(PostWrites.write(.cancel, to: post, expecting: moved.stamp)) else {
            Issue.record("the cancel was refused"); return
        }
        #expect(cancelled.job == .cancelled)
        // Undo puts the post back as it was, publish job included.
        guard case .done = try writer.run(PostWrites.write(.restore(from: cancelled.after, to: cancelled.before), to: post, expecting: cancelled.stamp)) else {
            Issue.record("the undo was refused"); return
        }

        // The other agency: invisible, so every write finds nothing and changes nothing.
        let others = SQLArray(Array(mine))
        let fingerprint = "SELECT md5(string_agg(p::text, ',' ORDER BY p.id)) AS h FROM posts p WHERE NOT (client_id = ANY($1::uuid[]))"
        let before = try owner.execute(fingerprint, [others]).first?.decode("h", as: String.self)
        let theirs = try #require(try owner.execute("""
            SELECT id, updated_at FROM posts WHERE status IN ('draft', 'scheduled') AND NOT (client_id = ANY($1::uuid[])) LIMIT 1
            """, [others]).first)
        let theirID: PostID = try theirs.decode("id")
        let theirStamp: Date = try theirs.decode("updated_at")
        for change in [PostChange.cancel, .move(to: at), .duplicate(copy: .random())] {
            guard case .refused(let refusal) = try writer.run(PostWrites.write(change, to: theirID, expecting: theirStamp)) else {
                Issue.record("\(change) reached another agency's post"); continue
            }
            #expect(refusal.reason == .notFound)
        }
        #expect(try writer.execute("UPDATE posts SET content = 'taken' WHERE NOT (client_id = ANY($1::uuid[]))", [others]).rowsAffected == 0)
        #expect(try writer.execute("DELETE FROM posts WHERE NOT (client_id = ANY($1::uuid[]))", [others]).rowsAffected == 0)
        let theirClient: ClientID = try #require(try owner.execute("SELECT id FROM clients WHERE NOT (id = ANY($1::uuid[])) LIMIT 1",
                                                                   [others]).first?.decode("id"))
        // A post for their client, or over their post's id, is refused by the database.
        #expect(throws: StoreError.self) {
            try writer.run(PostWrites.write(.create(client: theirClient, PostEdit(text: .set("x"))), to: .random(), expecting: nil))
        }
        #expect(throws: StoreError.self) {
            try writer.run(PostWrites.write(.create(client: client.id, PostEdit(text: .set("x"))), to: theirID, expecting: nil))
        }
        let theirAccount: AccountID = try #require(try owner.execute("SELECT id FROM accounts WHERE client_id = $1::uuid LIMIT 1", [theirClient]).first?.decode("id"))
        #expect(throws: StoreError.self) { try writer.run(HealthQueries.setActive(theirAccount, to: false)) }
        #expect(try owner.execute(fingerprint, [others]).first?.decode("h", as: String.self) == before)
    }

    @Test func aReaderMayReadButNotWriteAndSaysSo() throws {
        let scenario = try TenancyScenario.make()
        defer { scenario.drop() }
        let reader = try Connection(conninfo: scenario.reader(0).conninfo)
        let access = try Access.load(reader)
        #expect(access.readOnlyReason == .reader(role: scenario.reader(0).role, agencies: [scenario.agencies[0].name]))
        #expect(access.readOnlyReason?.description == "read-only: role \(scenario.reader(0).role) may only read \(scenario.agencies[0].name)")
        let client = try #require(try reader.run(ClientQueries.all()).first)
        do {
            _ = try reader.run(PostWrites.write(.create(client: client.id, PostEdit(text: .set("x"))), to: .random(), expecting: nil))
            Issue.record("a reader saved a post")
        } catch let error as StoreError {
            #expect(!error.description.contains("SQLSTATE"))
        }
        #expect(try Access.load(Connection(conninfo: scenario.writer(1).conninfo)).readOnlyReason == nil)
        #expect(try Access.load(scenario.database.connect()).reach == .everything)
    }

    @Test func grantRevokeAndListAreTheOwnersAndChangeOnlyTheGrants() throws {
        let scenario = try TenancyScenario.make()
        defer { scenario.drop() }
        let owner = try scenario.database.connect()
        let writer = scenario.writer(0)
        // Granting again as read-only turns the writer into a reader of that agency.
        #expect(try AgencyManagers.grant(owner, role: writer.role, agency: writer.agencyName, readOnly: true).outcome == .changed(wasReadOnly: false))
        #expect(try Access.load(Connection(conninfo: writer.conninfo)).readOnlyReason == .reader(role: writer.role, agencies: [writer.agencyName]))
        #expect(try AgencyManagers.revoke(owner, role: writer.role, agency: writer.agency.description).revoked)
        let revoked = try Connection(conninfo: writer.conninfo)
        #expect(try revoked.execute("SELECT count(*) AS n FROM posts").first?.decode("n", as: Int.self) == 0)
        #expect(try Access.load(revoked).readOnlyReason == .noAgency(role: writer.role))
        #expect(try AgencyManagers.revoke(owner, role: writer.role, agency: writer.agencyName).revoked == false)
        #expect(try AgencyManagers.list(owner).map(\.role).sorted() == scenario.managers.map(\.role).filter { $0 != writer.role }.sorted())
        // A manager may not hand out agencies.
        do {
            _ = try AgencyManagers.grant(Connection(conninfo: scenario.writer(1).conninfo), role: writer.role, agency: scenario.agencies[1].name, readOnly: false)
            Issue.record("a manager granted an agency")
        } catch let error as StoreError {
            #expect(error.description == "postdeck access is the owner's: role \(scenario.writer(1).role) may not change who manages which agency")
        }
        #expect(throws: StoreError.invalid("no agency named \"Nowhere Media\"")) {
            _ = try AgencyManagers.grant(owner, role: writer.role, agency: "Nowhere Media", readOnly: false)
        }
        #expect(throws: StoreError.self) { _ = try AgencyManagers.grant(owner, role: "pd_no_such_role_\(UInt32.random(in: 0...UInt32.max))", agency: writer.agencyName, readOnly: false) }
        #expect(throws: StoreError.self) { _ = try AgencyManagers.grant(owner, role: "postgres", agency: writer.agencyName, readOnly: false) }
    }

    @Test func psqlAsTheRoleSeesWhatPostdeckSees() throws {
        let scenario = try TenancyScenario.make()
        defer { scenario.drop() }
        let owner = try scenario.database.connect()
        for manager in scenario.managers {
            let mine = try scenario.clients(of: manager.agency)
            let expected = try owner.execute("SELECT count(*) AS n FROM posts WHERE client_id = ANY($1::uuid[])", [SQLArray(Array(mine))])
                .first?.decode("n", as: Int.self) ?? -1
            let output = try psql(manager.conninfo, "SELECT count(*) FROM posts")
            #expect(output == String(expected))
            let jobs = try owner.execute("SELECT count(*) AS n FROM scheduled_jobs j JOIN posts p ON p.id = j.post_id WHERE p.client_id = ANY($1::uuid[])",
                                         [SQLArray(Array(mine))]).first?.decode("n", as: Int.self) ?? -1
            #expect(try psql(manager.conninfo, "SELECT count(*) FROM scheduled_jobs") == String(jobs))
        }
    }

    @Test func noStatementAManagerRunsNamesATokenColumn() throws {
        let cluster = try #require(TestDatabase.cluster, "needs the suite's own cluster to read its log")
        let scenario = try TenancyScenario.make()
        defer { scenario.drop() }
        let owner = try scenario.database.connect()
        for manager in scenario.managers { try owner.execute("ALTER ROLE \(manager.role) SET log_statement = 'all'") }
        let log = cluster.directory + "/server.log"
        let start = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
        let now = Date()
        let range = TimeRange(start: now.addingTimeInterval(-30 * 86_400), end: now.addingTimeInterval(30 * 86_400))
        for manager in scenario.managers {
            let db = try Connection(conninfo: manager.conninfo)
            let clients = try db.run(ClientQueries.all())
            _ = try Access.load(db)
            _ = try db.run(HealthQueries.accounts(in: .allClients))
            _ = try db.run(CalendarQueries.page(in: .allClients, range: range))
            _ = try db.run(PerformanceQueries.list(PerformanceFilter(), sort: PerformanceSort(.likes)))
            if let client = clients.first { _ = try db.run(ComposerQueries.choices(for: client.id)) }
        }
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: log))
        try handle.seek(toOffset: UInt64(start))
        let text = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        let statements = text.split(separator: "\n").filter { $0.contains("statement: ") || $0.contains("execute <unnamed>: ") }
        #expect(statements.count >= scenario.managers.count * 5, "the managers' statements are in the log")
        #expect(!statements.contains { $0.contains("access_token") || $0.contains("refresh_token") })
    }

    @Test func migrationSevenRunsInAnotherDatabaseOfTheClusterWhereItsRolesExist() throws {
        let first = try TestDatabase.make().connect()
        let second = try TestDatabase.make().connect()
        try Migrator.migrate(first)
        #expect(try Migrator.migrate(second).map(\.version) == Migrations.all.map(\.version))
        #expect(try second.execute("SELECT count(*) AS n FROM pg_roles WHERE rolname IN ('postdeck_reader', 'postdeck_writer')")
                .first?.decode("n", as: Int.self) == 2)
    }

    @Test func migrationSevenIsPinned() {
        #expect(Migrations.rowLevelSecurity.checksum == "814b29b9ea285d0cdfce8affa24419f6fe9d9b63b3897d95ad67a21b776884bc")
    }

    @Test func statementsThatChangeDataOrNotifyNeedThePrimary() throws {
        let post = PostID.random()
        #expect(try PostWrites.write(.cancel, to: post, expecting: Date()).needsPrimary)
        #expect(try PostWrites.write(.create(client: .random(), PostEdit(text: .set("x"))), to: post, expecting: nil).needsPrimary)
        #expect(HealthQueries.setActive(AccountID.random(), to: true).needsPrimary)
        #expect(Query<Void>("SELECT pg_notify('a', 'b')") { _ in }.needsPrimary)
        let now = Date()
        for read in [ClientQueries.all().map { _ in }, HealthQueries.accounts(in: .allClients).map { _ in },
                     CalendarQueries.page(in: .allClients, range: TimeRange(start: now, end: now)).map { _ in },
                     CalendarQueries.detail(of: post).map { _ in }, PostWrites.snapshot(of: post).map { _ in },
                     PerformanceQueries.list(PerformanceFilter(), sort: PerformanceSort(.likes)).map { _ in },
                     ServerFacts.query.map { _ in }, ServerFacts.managedAgencies.map { _ in }] {
            #expect(!read.needsPrimary, "\(read.sql.prefix(60))")
        }
    }

    private func psql(_ conninfo: String, _ sql: String) throws -> String {
        let path = NSTemporaryDirectory() + "pd-psql-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(path) }
        try Subprocess.run(["psql", "-X", "-A", "-t", "-d", conninfo, "-c", sql], outputPath: path)
        return (try String(contentsOfFile: path, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
