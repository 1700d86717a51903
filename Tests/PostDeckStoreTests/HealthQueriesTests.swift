import Foundation
import Testing
import PostDeckCore
@testable import PostDeckStore
import PostDeckTestSupport

@Suite struct HealthQueriesTests {
    static func makeDatabase() throws -> Connection {
        let db = try TestDatabase.migrated().connect()
        try HealthScenario.install(on: db)
        return db
    }

    @Test func listsEveryAccountWorstFirstWithTheFixedStatuses() throws {
        let db = try Self.makeDatabase()
        let accounts = try db.run(HealthQueries.accounts(in: .allClients))
        #expect(accounts.map(\.username) == ["notoken", "expired", "soon", HealthScenario.hostileUsername, "noexpiry"])
        #expect(accounts.map(\.tokenStatus) == [.expired, .expired, .expiringSoon, .healthy, .healthy])
        let noToken = try #require(accounts.first)
        #expect(noToken.totalPosts == 2 && noToken.failedPosts == 1)
        #expect(noToken.tokenExpiresAt == nil)
    }

    @Test func aClientScopeShowsOnlyThatClientEvenWhenAnotherSharesItsName() throws {
        let db = try Self.makeDatabase()
        let north = try #require(ClientID("c0000000-0000-4000-8000-000000000001"))
        let accounts = try db.run(HealthQueries.accounts(in: .client(north)))
        #expect(Set(accounts.map(\.username)) == ["expired", "soon"])
    }

    @Test func anAccountsFailuresComeNewestFirstWithTheLastSuccess() throws {
        let db = try Self.makeDatabase()
        let account = try #require(AccountID("d0000000-0000-4000-8000-000000000004"))
        let detail = try db.run(HealthQueries.failures(of: account))
        #expect(detail.failures.map(\.message) == ["OAuthException: Session has expired"])
        #expect(detail.failures.first?.content == "first")
        #expect(detail.lastSuccess != nil)
    }

    @Test func togglingActiveWritesTheFlag() throws {
        let db = try Self.makeDatabase()
        let account = try #require(AccountID("d0000000-0000-4000-8000-000000000002"))
        #expect(try db.run(HealthQueries.setActive(account, to: false)) == false)
        let accounts = try db.run(HealthQueries.accounts(in: .allClients))
        #expect(accounts.first { $0.id == account }?.active == false)
    }

    @Test func aClientNameResolvesOrListsNearMatches() throws {
        let db = try Self.makeDatabase()
        let clients = try db.run(ClientQueries.all())
        #expect(try ClientQueries.resolve("globex", among: clients).name == "Globex")
        #expect(throws: StoreError.invalid("no client named \"Glbex\"; did you mean \"Globex\"?")) {
            try ClientQueries.resolve("Glbex", among: clients)
        }
        do {
            _ = try ClientQueries.resolve("Acme", among: clients)
            Issue.record("a shared name must be ambiguous")
        } catch let error as StoreError {
            #expect(error.description.contains("2 clients are named \"Acme\""))
        }
    }

    @Test func aCommandResolvesAClientWithOneSmallQueryAndAnswersLikeTheFullList() throws {
        let db = try Self.makeDatabase()
        try db.execute("INSERT INTO clients (agency_id, name) VALUES ('a0000000-0000-4000-8000-000000000001', 'Éclair Café')")
        let clients = try db.run(ClientQueries.all())
        // By id, by name in any ASCII case, and by a non-ASCII name in another case (which
        // the database's lower() may not fold: the full list answers then).
        for text in [" c0000000-0000-4000-8000-000000000003", "GLOBEX", "éCLAIR CAFÉ"] {
            #expect(try ClientQueries.resolve(text, on: db) == ClientQueries.resolve(text, among: clients), "\(text)")
        }
        for text in ["Acme", "Glbex", "c0000000-0000-4000-8000-00000000dead"] {
            #expect(throws: StoreError.self) { try ClientQueries.resolve(text, on: db) }
            var onDatabase = "", inList = ""
            do { _ = try ClientQueries.resolve(text, on: db) } catch { onDatabase = "\(error)" }
            do { _ = try ClientQueries.resolve(text, among: clients) } catch { inList = "\(error)" }
            #expect(onDatabase == inList, "\(text)")
        }
    }
}
