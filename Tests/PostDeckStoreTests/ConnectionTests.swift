import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

@Suite struct ConnectionTests {
    @Test func decodesEveryTypeTheSchemaUses() throws {
        let db = try TestDatabase.make().connect()
        try db.executeScript("CREATE TYPE mood AS ENUM ('calm', 'busy')")
        let row = try #require(db.execute("""
            SELECT '8f14e45f-ceea-467a-9f1b-8a6b1c2d3e4f'::uuid AS id, 'héllo 世界 👩‍👩‍👧'::text AS words,
                   true AS yes, 42::int2 AS small, -7::int4 AS medium, 9007199254740993::int8 AS big,
                   12345.678::numeric AS price, (-0.0005)::numeric AS tiny, 1e30::numeric AS huge,
                   '2026-03-29 01:30:00.123456+00'::timestamptz AS at, '2026-02-28'::date AS day,
                   '{"b": [1, 2], "a": "x"}'::jsonb AS doc, 'busy'::mood AS mood, 'linkedin'::text AS platform,
                   NULL::text AS nothing
            """).first)
        #expect(try row.decode("id", as: PostID.self).description == "8f14e45f-ceea-467a-9f1b-8a6b1c2d3e4f")
        #expect(try row.decode("words", as: String.self) == "héllo 世界 👩‍👩‍👧")
        #expect(try row.decode("yes", as: Bool.self))
        #expect(try row.decode("small", as: Int.self) == 42)
        #expect(try row.decode("medium", as: Int.self) == -7)
        #expect(try row.decode("big", as: Int.self) == 9_007_199_254_740_993)
        #expect(try row.decode("price", as: Decimal.self) == Decimal(string: "12345.678"))
        #expect(try row.decode("tiny", as: Decimal.self) == Decimal(string: "-0.0005"))
        #expect(try row.decode("huge", as: Double.self) == 1e30)
        let at = try row.decode("at", as: Date.self)
        #expect(abs(at.timeIntervalSince1970 - 1_774_747_800.123456) < 0.000_001)
        #expect(try row.decode("day", as: CalendarDate.self).description == "2026-02-28")
        #expect(try row.decode("doc", as: String.self) == #"{"a": "x", "b": [1, 2]}"#)
        #expect(try row.decode("mood", as: String.self) == "busy")
        #expect(try row.decode("platform", as: Platform.self) == .linkedin)
        #expect(try row.decode("nothing", as: String?.self) == nil)
    }

    @Test func aTypeMismatchIsAnErrorNamingTheColumn() throws {
        let db = try TestDatabase.make().connect()
        let row = try #require(db.execute("SELECT 'x'::text AS label, NULL::int AS missing, 'nope'::text AS platform").first)
        #expect(throws: StoreError.decoding(column: "label", expected: "Int", found: "text")) {
            try row.decode("label", as: Int.self)
        }
        #expect(throws: StoreError.decoding(column: "missing", expected: "Int", found: "NULL")) {
            try row.decode("missing", as: Int.self)
        }
        #expect(throws: StoreError.decoding(column: "platform", expected: "Platform", found: "\"nope\"")) {
            try row.decode("platform", as: Platform.self)
        }
    }

    @Test func parametersRoundTripWithoutInterpolation() throws {
        let db = try TestDatabase.make().connect()
        let hostile = "'); DROP TABLE x; --\u{1b}]52;c;aGk=\u{7}"
        let when = Date(timeIntervalSince1970: 1_764_000_000.5)
        let row = try #require(db.execute(
            "SELECT $1::text AS text, $2::timestamptz AS at, $3::int AS n, $4::text AS empty, $5::uuid[] AS ids",
            [hostile, when, 7, nil, SQLArray([UUID(), UUID()])]).first)
        #expect(try row.decode("text", as: String.self) == hostile)
        #expect(try row.decode("at", as: Date.self) == when)
        #expect(try row.decode("n", as: Int.self) == 7)
        #expect(try row.decode("empty", as: String?.self) == nil)
    }

    @Test func serverErrorsCarrySQLStateDetailAndHint() throws {
        let db = try TestDatabase.make().connect()
        try db.execute("CREATE TABLE t (id int PRIMARY KEY)")
        try db.execute("INSERT INTO t VALUES (1)")
        do {
            try db.execute("INSERT INTO t VALUES (1)")
            Issue.record("a duplicate key must fail")
        } catch let StoreError.server(error) {
            #expect(error.sqlState == "23505")
            #expect(error.isUniqueViolation)
            #expect(error.detail == "Key (id)=(1) already exists.")
            #expect(!error.description.contains("\n"))
        }
        // The connection is still usable after an error.
        #expect(try db.execute("SELECT count(*) AS n FROM t").first?.decode("n", as: Int.self) == 1)
    }

    @Test func aSlowStatementIsCancelledAtItsTimeoutAndTheConnectionStaysUsable() throws {
        let db = try TestDatabase.make().connect()
        // The error itself shows the statement was cut short: had the cancel not worked,
        // pg_sleep would have finished without one.
        #expect(throws: StoreError.timedOut(seconds: 0.2)) {
            db.statementTimeout = .milliseconds(200)
            try db.execute("SELECT pg_sleep(5)")
        }
        db.statementTimeout = nil
        #expect(try db.execute("SELECT 1 AS one").first?.decode("one", as: Int.self) == 1)
    }

    @Test func aSentStatementCanBeCancelledWithoutBlocking() throws {
        let database = try TestDatabase.make()
        let db = try database.connect()
        let observer = try database.connect()
        try db.send("SELECT pg_sleep(10)")
        #expect(try db.receive() == nil, "the statement is still running")
        // Cancel only once the server runs it: a cancel that arrives earlier has nothing to stop.
        let started = ContinuousClock.now
        while try observer.execute("SELECT count(*) AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(10)' AND state = 'active'")
                .first?.decode("n", as: Int.self) == 0, ContinuousClock.now - started < .seconds(5) {
            usleep(10_000)
        }
        db.cancel()
        var outcome: Error?
        let deadline = ContinuousClock.now + .seconds(5)
        while outcome == nil, ContinuousClock.now < deadline {
            var descriptor = pollfd(fd: db.socket, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 100)
            do { if try db.receive() != nil { break } } catch { outcome = error }
        }
        #expect(outcome as? StoreError == .cancelled)
    }

    @Test func notificationsArriveOnAListeningConnection() throws {
        let database = try TestDatabase.make()
        let listener = try database.connect()
        let writer = try database.connect()
        try listener.execute("LISTEN postdeck_test")
        try writer.execute("SELECT pg_notify('postdeck_test', $1)", ["posts:1"])
        var received: [PostDeckStore.Notification] = []
        let deadline = ContinuousClock.now + .seconds(5)
        while received.isEmpty, ContinuousClock.now < deadline {
            var descriptor = pollfd(fd: listener.socket, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 500)
            received += try listener.consumeNotifications()
        }
        #expect(received.map(\.payload) == ["posts:1"])
    }

    @Test func aWrongConnectionStringIsOneClearLineWithAHint() {
        do {
            _ = try Connection(conninfo: "host=/nope port=5432 dbname=x")
            Issue.record("connecting to a missing socket must fail")
        } catch let error as StoreError {
            #expect(error.description.hasPrefix("cannot connect to database: connection to server on socket \"/nope/.s.PGSQL.5432\" failed"))
            #expect(!error.description.contains("\n"))
            #expect(error.hint?.contains("--db") == true)
            #expect(error.hint?.contains("DATABASE_URL") == true)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func theExplicitConnectionStringWinsOverTheEnvironment() {
        #expect(Connection.conninfo(explicit: "dbname=a", environment: ["DATABASE_URL": "postgresql:///b"]) == "dbname=a")
        #expect(Connection.conninfo(explicit: nil, environment: ["DATABASE_URL": "postgresql:///b"]) == "postgresql:///b")
        #expect(Connection.conninfo(explicit: nil, environment: [:]) == "")
    }
}
