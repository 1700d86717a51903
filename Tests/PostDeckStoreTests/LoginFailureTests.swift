import Foundation
import Testing
@testable import PostDeckStore
import PostDeckTestSupport

/// A login the server refuses is told apart from a server that cannot be reached: the first
/// is never retried (it locks accounts where failures are counted), the second is.
@Suite struct LoginFailureTests {
    @Test(arguments: [
        "connection to server on socket \"/tmp/x/.s.PGSQL.5432\" failed: FATAL:  password authentication failed for user \"ann\"",
        "connection to server at \"db\" (10.0.0.1), port 5432 failed: FATAL:  no pg_hba.conf entry for host \"10.0.0.2\", user \"ann\", database \"agency\", no encryption",
        "connection to server on socket \"/tmp/x/.s.PGSQL.5432\" failed: FATAL:  role \"ghost\" does not exist",
        "connection to server on socket \"/tmp/x/.s.PGSQL.5432\" failed: FATAL:  database \"nodb\" does not exist",
        "connection to server on socket \"/tmp/x/.s.PGSQL.5432\" failed: FATAL:  role \"ro\" is not permitted to log in",
        "connection to server on socket \"/tmp/x/.s.PGSQL.5432\" failed: FATAL:  permission denied for database \"agency\"",
        "connection to server on socket \"/tmp/x/.s.PGSQL.5432\" failed: FATAL:  Peer authentication failed for user \"ann\"",
    ])
    func theServersRefusalsAreRefusedLogins(_ message: String) {
        guard case .loginRefused(let reason) = LoginFailure.classify(message) else {
            Issue.record("\(message) was not classified as a refused login")
            return
        }
        #expect(!reason.contains("connection to server"), "the reason is the server's own words: \(reason)")
    }

    @Test(arguments: [
        "connection to server on socket \"/tmp/x/.s.PGSQL.5432\" failed: No such file or directory",
        "connection to server at \"db\" (10.0.0.1), port 5432 failed: Connection refused",
        "connection to server at \"db\" (10.0.0.1), port 5432 failed: timeout expired",
        "connection to server on socket \"/tmp/x/.s.PGSQL.5432\" failed: FATAL:  the database system is starting up",
        "connection to server on socket \"/tmp/x/.s.PGSQL.5432\" failed: FATAL:  sorry, too many clients already",
        "could not translate host name \"db.example\" to address: Name or service not known",
        "",
    ])
    func whatMayPassIsRetried(_ message: String) {
        guard case .cannotConnect = LoginFailure.classify(message) else {
            Issue.record("\(message) was classified as a refused login")
            return
        }
    }

    /// Against a real server that asks for passwords: each way of being refused, and the way in.
    @Test func aRealServersRefusalsAreLoginRefusedAndAMissingServerIsNot() throws {
        let user = PasswordCluster.uniqueUser("ann")
        let cases: [(String, String)] = [
            (try PasswordCluster.conninfo(user: "postgres", password: "wrong"), "password authentication failed"),
            (try PasswordCluster.conninfo(user: user, password: "wrong"), "password authentication failed"),
            (try PasswordCluster.conninfo(user: "postgres", password: PasswordCluster.password, database: "nodb"), "database \"nodb\" does not exist"),
            (try PasswordCluster.conninfo(user: "postgres", password: nil), "asks for a password"),
        ]
        for (conninfo, reason) in cases {
            #expect {
                _ = try Connection(conninfo: conninfo)
            } throws: { error in
                guard case .loginRefused(let text) = error as? StoreError else { return false }
                return text.contains(reason)
            }
            let pending = PendingConnection(conninfo: conninfo)
            var outcome: StoreError?
            for _ in 0..<1_000 where outcome == nil {
                switch pending.advance() {
                case .failed(let error): outcome = error
                case .ready: Issue.record("\(reason): connected")
                case .waitForRead(let fd):
                    var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&descriptor, 1, 1_000)
                case .waitForWrite(let fd):
                    var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&descriptor, 1, 1_000)
                }
            }
            guard case .loginRefused = outcome else { Issue.record("\(reason): \(String(describing: outcome))"); continue }
        }
        _ = try Connection(conninfo: try PasswordCluster.conninfo(user: "postgres", password: PasswordCluster.password))
        let away = try PasswordCluster.conninfo(user: "postgres", password: "x").replacingOccurrences(of: "port=5432", with: "port=5499")
        #expect(throws: StoreError.self) { _ = try Connection(conninfo: away) }
        do { _ = try Connection(conninfo: away) } catch let error as StoreError {
            guard case .cannotConnect = error else { Issue.record("a missing server: \(error)"); return }
        }
    }

    @Test func aWriteInAReadOnlyTransactionSaysWhatToDoNotTheServersWords() throws {
        let db = try TestDatabase.make().connect()
        do {
            try db.transaction { db in
                try db.execute("SET TRANSACTION READ ONLY")
                try db.execute("CREATE TABLE notes (text text)")
            }
            Issue.record("the write went through")
        } catch let error as StoreError {
            guard case .server(let server) = error else { Issue.record("\(error)"); return }
            #expect(server.sqlState == "25006")
            #expect(error.description.contains("only allows reading") && error.description.contains("nothing was written"))
            #expect(!error.description.contains("cannot execute"), "\(error.description)")
        }
    }
}
