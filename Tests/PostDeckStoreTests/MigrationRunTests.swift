import Dispatch
import Foundation
import Synchronization
import Testing
import PostDeckStore
import PostDeckTestSupport

/// How `Migrator` runs: in order, once, each migration in its own transaction, one run at a time.
@Suite struct MigrationRunTests {
    @Test func anEmptyDatabaseGetsEveryMigration() throws {
        let db = try TestDatabase.make().connect()
        var lines: [String] = []
        let applied = try Migrator.migrate(db) { lines.append($0) }
        #expect(applied == Migrations.all.map { AppliedMigration(version: $0.version, name: $0.name, adopted: false) })
        #expect(Array(applied.prefix(2)) == [AppliedMigration(version: 1, name: "seed schema", adopted: false),
                                             AppliedMigration(version: 2, name: "fixes", adopted: false)])
        #expect(lines == Migrations.all.map { "applied \($0.label)" })
        let states = try Migrator.status(db)
        #expect(states.map(\.status) == Migrations.all.map { _ in .applied })
        #expect(states.allSatisfy { $0.appliedAt != nil && !$0.adopted })
        try Migrator.requireCurrent(db)
        let recorded = try db.execute("SELECT version, checksum FROM public.postdeck_schema_migrations ORDER BY version").rows
        #expect(try recorded.map { try $0.decode("checksum", as: String.self) } == Migrations.all.map(\.checksum))
    }

    @Test func anInteractiveTimeoutDoesNotCutAMigrationShortAndIsRestored() throws {
        let db = try TestDatabase.make().connect()
        db.statementTimeout = .milliseconds(1)
        let slow = Migration(version: Migrations.latestVersion + 1, name: "slow", sql: "SELECT pg_sleep(0.2); CREATE TABLE slow_done (id int);")
        #expect(try Migrator.migrate(db, migrations: Migrations.all + [slow]).map(\.version) == (Migrations.all + [slow]).map(\.version))
        #expect(db.statementTimeout == .milliseconds(1))
    }

    @Test func runningAgainChangesNothing() throws {
        let db = try TestDatabase.make().connect()
        try Migrator.migrate(db)
        let before = try db.catalog()
        let recordedBefore = try db.execute("SELECT version, applied_at FROM public.postdeck_schema_migrations ORDER BY 1").rows
            .map { try $0.decode("applied_at", as: Date.self) }
        var lines: [String] = []
        #expect(try Migrator.migrate(db) { lines.append($0) } == [])
        #expect(lines == ["database is up to date (migration \(Migrations.latestVersion))"])
        #expect(try db.catalog() == before)
        let recordedAfter = try db.execute("SELECT version, applied_at FROM public.postdeck_schema_migrations ORDER BY 1").rows
            .map { try $0.decode("applied_at", as: Date.self) }
        #expect(recordedAfter == recordedBefore)
    }

    @Test func anAppliedMigrationWhoseTextChangedIsRefused() throws {
        let db = try TestDatabase.make().connect()
        try Migrator.migrate(db, migrations: Array(Migrations.all.prefix(2)))
        let edited = [Migrations.all[0], Migration(version: 2, name: "fixes", sql: Migrations.all[1].sql + "\n-- edited")]
        let expected = "migration 2 (fixes) was applied with a different checksum; "
        let attempts: [() throws -> Void] = [
            { _ = try Migrator.migrate(db, migrations: edited) },
            { try Migrator.requireCurrent(db, migrations: edited) },
        ]
        for attempt in attempts {
            do {
                try attempt()
                Issue.record("an edited migration must be refused")
            } catch let StoreError.invalid(message) {
                #expect(message.hasPrefix(expected))
            }
        }
        #expect(try Migrator.status(db, migrations: edited).map(\.status) == [.applied, .checksumMismatch])
    }

    @Test func aDatabaseFromANewerPostdeckIsRefused() throws {
        let db = try TestDatabase.make().connect()
        try Migrator.migrate(db)
        let future = Migrations.latestVersion + 1
        try db.execute("INSERT INTO public.postdeck_schema_migrations (version, name, checksum) VALUES ($1::int, 'future', 'x')", [future])
        let expected = "database schema is newer than this postdeck (the database has migration \(future), this postdeck knows up to \(Migrations.latestVersion)): upgrade postdeck"
        #expect(throws: StoreError.invalid(expected)) { try Migrator.migrate(db) }
        #expect(throws: StoreError.invalid(expected)) { try Migrator.requireCurrent(db) }
        #expect(try Migrator.status(db).map(\.status) == Migrations.all.map { _ in .applied } + [.unknown])
    }

    @Test func anUnmigratedDatabaseIsOneClearLine() throws {
        let db = try TestDatabase.make().connect()
        #expect(throws: StoreError.invalid("database is not migrated: run `postdeck migrate`")) {
            try Migrator.requireCurrent(db)
        }
        #expect(try Migrator.status(db).map(\.status) == Migrations.all.map { _ in .pending })
        try Migrator.migrate(db, migrations: [Migrations.all[0]])
        #expect(throws: StoreError.invalid("database schema is out of date (migration 2 (fixes) pending): run `postdeck migrate`")) {
            try Migrator.requireCurrent(db, migrations: Array(Migrations.all.prefix(2)))
        }
        let pending = Migrations.all.dropFirst().map(\.label).joined(separator: ", ")
        #expect(throws: StoreError.invalid("database schema is out of date (\(pending) pending): run `postdeck migrate`")) {
            try Migrator.requireCurrent(db)
        }
    }

    @Test func unrelatedObjectsInPublicAreLeftAlone() throws {
        let db = try TestDatabase.make().connect()
        try db.executeScript("""
            CREATE TYPE mood AS ENUM ('calm', 'busy');
            CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, feeling mood);
            INSERT INTO users (email, feeling) VALUES ('a@example.com', 'calm'), ('b@example.com', 'busy');
            CREATE VIEW busy_users AS SELECT email FROM users WHERE feeling = 'busy';
            """)
        #expect(try Migrator.migrate(db).map(\.adopted) == Migrations.all.map { _ in false })
        #expect(try db.execute("SELECT email FROM busy_users").rows.map { try $0.decode("email", as: String.self) } == ["b@example.com"])
        #expect(try db.execute("SELECT count(*) AS n FROM users").first?.decode("n", as: Int.self) == 2)
        #expect(try db.columns(of: "users") == ["id:integer", "email:text", "feeling:mood"])
    }

    @Test func aFailingMigrationIsRolledBackAndTheOnesBeforeItStay() throws {
        let db = try TestDatabase.make().connect()
        let broken = Migration(version: Migrations.latestVersion + 1, name: "broken", sql: "CREATE TABLE half_done (id int); SELECT 1 / 0;")
        do {
            try Migrator.migrate(db, migrations: Migrations.all + [broken])
            Issue.record("a failing migration must throw")
        } catch let StoreError.invalid(message) {
            #expect(message.hasPrefix("\(broken.label) failed and was rolled back: division by zero"))
        }
        #expect(try db.execute("SELECT to_regclass('half_done') IS NULL AS absent").first?.decode("absent", as: Bool.self) == true)
        #expect(try Migrator.status(db, migrations: Migrations.all + [broken]).map(\.status) == Migrations.all.map { _ in .applied } + [.pending])
        // The session lock was released: another run can start at once.
        #expect(try Migrator.migrate(db) == [])
    }

    @Test func twoMigratesAtOnceTakeTurns() throws {
        let database = try TestDatabase.make()
        // A third session holds the lock until both runs are queued behind it.
        let holder = try database.connect()
        try holder.execute("SELECT pg_advisory_lock($1::bigint)", [Migrator.advisoryLockKey])

        let outcomes = Mutex<[Result<[AppliedMigration], any Error>]>([])
        let logs = Mutex<[String]>([])
        let group = DispatchGroup()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                let outcome = Result { () throws -> [AppliedMigration] in
                    let db = try database.connect()
                    return try Migrator.migrate(db) { line in logs.withLock { $0.append(line) } }
                }
                outcomes.withLock { $0.append(outcome) }
            }
        }
        let deadline = ContinuousClock.now + .seconds(20)
        var waiting = 0
        while waiting < 2 && ContinuousClock.now < deadline {
            waiting = try holder.execute("""
                SELECT count(*) AS n FROM pg_locks
                WHERE locktype = 'advisory' AND NOT granted
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """).first?.decode("n", as: Int.self) ?? 0
            if waiting < 2 { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(waiting == 2, "both runs should wait for the lock")
        try holder.execute("SELECT pg_advisory_unlock($1::bigint)", [Migrator.advisoryLockKey])
        #expect(group.wait(timeout: .now() + 60) == .success)

        let results = try outcomes.withLock { $0 }.map { try $0.get() }
        #expect(results.map(\.count).sorted() == [0, Migrations.all.count], "one run applies every migration, the other finds nothing to do")
        #expect(logs.withLock { $0 }.filter { $0.hasPrefix("another postdeck migrate is running") }.count == 2)
        #expect(try Migrator.status(holder).map(\.status) == Migrations.all.map { _ in .applied })
    }
}
