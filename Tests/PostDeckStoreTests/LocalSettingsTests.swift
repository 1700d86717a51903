import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// `LocalSetting`: a setting (`jit = off`) holds for its own statement and is gone after
/// it, on a direct connection and through PgBouncer in transaction mode.
@Suite struct LocalSettingsTests {
    private let workMem = LocalSetting("work_mem", "7MB")

    private func settings(_ db: Connection, _ local: [LocalSetting] = []) throws -> (jit: String, workMem: String) {
        let row = try #require(db.execute("SELECT current_setting('jit') AS jit, current_setting('work_mem') AS work_mem",
                                          localSettings: local).first)
        return (try row.decode("jit"), try row.decode("work_mem"))
    }

    @Test func aSettingHoldsForItsStatementOnly() throws {
        let db = try TestDatabase.make().connect()
        let before = try settings(db)
        #expect(before.jit == "on")
        let during = try settings(db, [.noJIT, workMem])
        #expect(during.jit == "off")
        #expect(during.workMem == "7MB")
        let after = try settings(db)
        #expect(after.jit == before.jit)
        #expect(after.workMem == before.workMem)
    }

    @Test func aQueryCarriesItsSettingsThroughMap() throws {
        let db = try TestDatabase.make().connect()
        let query = Query("SELECT current_setting('jit') AS jit", localSettings: [.noJIT]) { try $0.first!.decode("jit", as: String.self) }
        #expect(try db.run(query.map { $0.uppercased() }) == "OFF")
    }

    @Test func aFailingStatementLeavesNoTransactionAndNoSettingBehind() throws {
        let db = try TestDatabase.make().connect()
        try db.execute("CREATE TABLE t (id int PRIMARY KEY)")
        #expect(throws: StoreError.self) {
            try db.execute("INSERT INTO t VALUES (1), (1)", localSettings: [.noJIT])
        }
        // The pipeline's implicit transaction was rolled back whole, and the next statement runs.
        #expect(try db.execute("SELECT count(*) AS n FROM t").first!.decode("n", as: Int.self) == 0)
        #expect(try settings(db).jit == "on")
        try db.execute("INSERT INTO t VALUES (2)", localSettings: [.noJIT])
        #expect(try db.execute("SELECT count(*) AS n FROM t").first!.decode("n", as: Int.self) == 1)
    }

    @Test func aSlowStatementWithSettingsIsCancelledAtItsTimeoutAndTheConnectionStaysUsable() throws {
        let db = try TestDatabase.make().connect()
        db.statementTimeout = .milliseconds(200)
        #expect(throws: StoreError.timedOut(seconds: 0.2)) {
            try db.execute("SELECT pg_sleep(5)", localSettings: [.noJIT])
        }
        db.statementTimeout = nil
        #expect(try settings(db, [.noJIT]).jit == "off")
        #expect(try settings(db).jit == "on")
    }

    @Test func aStatementLeftRunningIsDrainedBeforeTheNextOne() throws {
        let db = try TestDatabase.make().connect()
        try db.send("SELECT pg_sleep(5)", localSettings: [.noJIT])
        // The caller gives up on it (as the UI does when a newer request replaces it).
        #expect(try settings(db).jit == "on")
    }

    @Test func theResultArrivesWithoutBlocking() throws {
        let db = try TestDatabase.make().connect()
        try db.send("SELECT current_setting('jit') AS jit, 42 AS answer", localSettings: [.noJIT])
        var result: QueryResult?
        let deadline = ContinuousClock.now + .seconds(10)
        while result == nil, ContinuousClock.now < deadline {
            var descriptor = pollfd(fd: db.socket, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 100)
            result = try db.receive()
        }
        let row = try #require(result?.first)
        #expect(try row.decode("jit", as: String.self) == "off")
        #expect(try row.decode("answer", as: Int.self) == 42)
    }

    @Test func arraysDecodeWithTheirNullElements() throws {
        let db = try TestDatabase.make().connect()
        try db.execute("CREATE TYPE platform_type AS ENUM ('linkedin', 'instagram', 'tiktok', 'facebook')")
        let row = try #require(db.execute("""
            SELECT ARRAY['8f14e45f-ceea-467a-9f1b-8a6b1c2d3e4f'::uuid, NULL] AS ids, ARRAY['a', NULL, 'ü 世界'] AS words,
                   ARRAY[true, false] AS flags, ARRAY['2026-03-29 01:30:00+00'::timestamptz] AS times,
                   ARRAY['tiktok'::platform_type, 'linkedin'] AS platforms, '{}'::int[] AS empty, NULL::text[] AS missing
            """).first)
        #expect(try row.decodeArray("ids", of: PostID.self).map { $0?.description } == ["8f14e45f-ceea-467a-9f1b-8a6b1c2d3e4f", nil])
        #expect(try row.decodeArray("words", of: String.self) == ["a", nil, "ü 世界"])
        #expect(try row.decodeArray("flags", of: Bool.self) == [true, false])
        #expect(try row.decodeArray("times", of: Date.self) == [Date(timeIntervalSince1970: 1_774_747_800)])
        #expect(try row.decodeArray("platforms", of: Platform.self) == [.tiktok, .linkedin])
        #expect(try row.decodeArray("empty", of: Int.self).isEmpty)
        #expect(try row.decodeArray("missing", of: String.self).isEmpty)
        #expect(throws: StoreError.self) { try row.decodeArray("words", of: Int.self) }
    }

    @Test func throughPgBouncerInTransactionModeNoOtherClientSeesTheSetting() throws {
        let database = try TestDatabase.make()
        let bouncer = try SharedSessionBouncer.start(for: database)
        defer { bouncer.stop() }
        // One server connection shared by both clients: each statement may land on it.
        let first = try Connection(conninfo: bouncer.conninfo)
        let second = try Connection(conninfo: bouncer.conninfo)
        for _ in 0..<5 {
            #expect(try settings(first, [.noJIT, workMem]).jit == "off")
            let other = try settings(second)
            #expect(other.jit == "on")
            #expect(other.workMem != "7MB")
        }
        let pid = "SELECT pg_backend_pid() AS pid"
        #expect(try first.execute(pid).first!.decode("pid", as: Int.self) == second.execute(pid).first!.decode("pid", as: Int.self),
                "both clients share one server connection")
    }
}
