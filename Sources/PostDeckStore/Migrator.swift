import FoundationEssentials

/// A migration that `Migrator.migrate` applied (or adopted) during this run.
public struct AppliedMigration: Sendable, Equatable {
    public let version: Int
    public let name: String
    /// True when the schema was already there (the seed applied by hand or through Prisma)
    /// and the migration was recorded without running.
    public let adopted: Bool

    public init(version: Int, name: String, adopted: Bool) {
        self.version = version
        self.name = name
        self.adopted = adopted
    }
}

/// Where one migration stands in a database, for `postdeck migrate --status`.
public struct MigrationState: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case pending
        case applied
        /// Applied, but from a text that differs from this build's.
        case checksumMismatch
        /// Recorded by a newer postdeck; this build does not know it.
        case unknown
    }

    public let version: Int
    public let name: String
    public let status: Status
    public let appliedAt: Date?
    public let adopted: Bool

    public init(version: Int, name: String, status: Status, appliedAt: Date?, adopted: Bool) {
        self.version = version
        self.name = name
        self.status = status
        self.appliedAt = appliedAt
        self.adopted = adopted
    }
}

/// Brings a database to the schema this build expects, one migration at a time, and tells
/// the app at start whether it may use the database.
///
/// A run is ONE transaction that first takes a transaction-level advisory lock, so two
/// `migrate` at once take turns, and that works through PgBouncer in transaction mode (a
/// session lock would stay behind on whichever server connection took it). Each migration
/// runs under a savepoint with `search_path` set to `public` (and no statement timeout), and
/// is recorded in `public.postdeck_schema_migrations` with the SHA-256 of its text. A failing
/// migration is rolled back to its savepoint and the ones before it are committed.
public enum Migrator {
    /// The `pg_advisory_xact_lock` key of a run ("postdeck" in ASCII); other tools that change
    /// the schema may take it too.
    public static let advisoryLockKey = 0x706f_7374_6465_636b

    /// Applies every pending migration and returns what it applied, oldest first; an empty
    /// list means the database was already current. `log` hears one line per step, once the
    /// step is committed.
    @discardableResult
    public static func migrate(_ connection: Connection, migrations: [Migration] = Migrations.all,
                               log: (String) -> Void = { _ in }) throws -> [AppliedMigration] {
        // Building an index on a big table takes as long as it takes: no interactive timeout.
        let interactiveTimeout = connection.statementTimeout
        connection.statementTimeout = nil
        defer { connection.statementTimeout = interactiveTimeout }

        var applied: [AppliedMigration] = []
        var failure: Error?
        try connection.transaction { db in
            let locked = try db.execute("SELECT pg_try_advisory_xact_lock($1::bigint) AS locked", [advisoryLockKey])
            if try locked.first?.decode("locked", as: Bool.self) != true {
                log("another postdeck migrate is running on this database; waiting for it to finish")
                try db.execute("SELECT pg_advisory_xact_lock($1::bigint)", [advisoryLockKey])
            }
            // Objects land in `public` whatever the role's search_path; nothing outlives the run.
            try db.execute("SET LOCAL statement_timeout = 0")
            try db.execute("SET LOCAL search_path = public")
            try db.execute("""
                CREATE TABLE IF NOT EXISTS public.postdeck_schema_migrations (
                    version int PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    adopted bool NOT NULL DEFAULT false
                )
                """)
            let recorded = try readRecorded(db)
            try checkCompatible(recorded, migrations)
            for migration in migrations where recorded[migration.version] == nil {
                do {
                    applied.append(try apply(migration, on: db))
                } catch {
                    // Keep what the earlier migrations did; report this one after the commit.
                    failure = error
                    break
                }
            }
        }
        for migration in applied {
            log(migration.adopted ? "adopted migration \(migration.version) (\(migration.name)): its tables, views and enums were already there"
                                  : "applied migration \(migration.version) (\(migration.name))")
        }
        if let failure { throw failure }
        if applied.isEmpty { log("database is up to date (migration \(migrations.last?.version ?? 0))") }
        return applied
    }

    /// Runs one migration under a savepoint inside the run's transaction and records it;
    /// on failure the savepoint is rolled back, so nothing of it remains.
    private static func apply(_ migration: Migration, on db: Connection) throws -> AppliedMigration {
        try db.execute("SAVEPOINT postdeck_migration")
        do {
            let adopt = migration.version == 1 && migration.sql == Migrations.seedSchema.sql ? try seedAlreadyThere(db) : false
            if !adopt {
                do {
                    try db.executeScript(migration.sql)
                } catch let error as StoreError {
                    throw StoreError.invalid("\(migration.label) failed and was rolled back: \(error)")
                }
            }
            try db.execute("""
                INSERT INTO public.postdeck_schema_migrations (version, name, checksum, applied_at, adopted)
                VALUES ($1, $2, $3, now(), $4)
                """, [migration.version, migration.name, migration.checksum, adopt])
            try db.execute("RELEASE SAVEPOINT postdeck_migration")
            return AppliedMigration(version: migration.version, name: migration.name, adopted: adopt)
        } catch {
            if db.isHealthy { _ = try? db.execute("ROLLBACK TO SAVEPOINT postdeck_migration") }
            throw error
        }
    }

    /// Every known migration with its state, then any the database has that this build does not know.
    public static func status(_ connection: Connection, migrations: [Migration] = Migrations.all) throws -> [MigrationState] {
        let recorded = try readRecorded(connection)
        var states = migrations.map { migration in
            guard let record = recorded[migration.version] else {
                return MigrationState(version: migration.version, name: migration.name, status: .pending, appliedAt: nil, adopted: false)
            }
            return MigrationState(version: migration.version, name: migration.name,
                                  status: record.checksum == migration.checksum ? .applied : .checksumMismatch,
                                  appliedAt: record.appliedAt, adopted: record.adopted)
        }
        let known = Set(migrations.map(\.version))
        for (version, record) in recorded.sorted(by: { $0.key < $1.key }) where !known.contains(version) {
            states.append(MigrationState(version: version, name: record.name, status: .unknown,
                                         appliedAt: record.appliedAt, adopted: record.adopted))
        }
        return states
    }

    /// Throws a one-line `StoreError.invalid` unless the database has exactly this build's
    /// migrations; the app calls it before showing anything.
    public static func requireCurrent(_ connection: Connection, migrations: [Migration] = Migrations.all) throws {
        let recorded = try readRecorded(connection)
        try checkCompatible(recorded, migrations)
        let pending = migrations.filter { recorded[$0.version] == nil }
        guard !pending.isEmpty else { return }
        if pending.count == migrations.count {
            throw StoreError.invalid("database is not migrated: run `postdeck migrate`")
        }
        let names = pending.map(\.label).joined(separator: ", ")
        throw StoreError.invalid("database schema is out of date (\(names) pending): run `postdeck migrate`")
    }

    // MARK: Recorded migrations

    private struct Record {
        let name: String
        let checksum: String
        let appliedAt: Date
        let adopted: Bool
    }

    /// What the database has recorded; empty when our table does not exist yet. One round
    /// trip: every command pays it before its first query.
    private static func readRecorded(_ connection: Connection) throws -> [Int: Record] {
        let recorded: QueryResult
        do {
            recorded = try connection.execute("SELECT version, name, checksum, applied_at, adopted FROM public.postdeck_schema_migrations")
        } catch StoreError.server(let error) where error.sqlState == "42P01" {
            return [:]  // undefined_table: never migrated
        }
        var records: [Int: Record] = [:]
        for row in recorded.rows {
            records[try row.decode("version", as: Int.self)] = Record(
                name: try row.decode("name", as: String.self),
                checksum: try row.decode("checksum", as: String.self),
                appliedAt: try row.decode("applied_at", as: Date.self),
                adopted: try row.decode("adopted", as: Bool.self))
        }
        return records
    }

    /// Refuses a database migrated by a newer postdeck, or one whose applied migrations
    /// differ from this build's texts.
    private static func checkCompatible(_ recorded: [Int: Record], _ migrations: [Migration]) throws {
        let latest = migrations.last?.version ?? 0
        if let newest = recorded.keys.max(), newest > latest {
            throw StoreError.invalid("database schema is newer than this postdeck (the database has migration \(newest), this postdeck knows up to \(latest)): upgrade postdeck")
        }
        for migration in migrations {
            guard let record = recorded[migration.version], record.checksum != migration.checksum else { continue }
            throw StoreError.invalid("\(migration.label) was applied with a different checksum; the database has \(record.checksum.prefix(12))…, this postdeck has \(migration.checksum.prefix(12))…: a migration was edited after it was applied; restore its text and add changes as a new migration")
        }
    }

    // MARK: Adopting a hand-applied seed

    /// True when every seed table, view (with its columns and types) and enum (with its
    /// labels) is already in `public`, false when none is; throws, naming what is missing,
    /// when only part of the seed is there.
    private static func seedAlreadyThere(_ db: Connection) throws -> Bool {
        let relationNames = SeedCatalog.relations.map(\.name)
        var found: [String: (kind: String, columns: [String: String])] = [:]
        for row in try db.execute("""
            SELECT c.relname::text AS relation, c.relkind::text AS kind, a.attname::text AS "column",
                   format_type(a.atttypid, a.atttypmod) AS type
            FROM pg_class c
            LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1::text[])
            """, [SQLArray(relationNames)]).rows {
            let relation = try row.decode("relation", as: String.self)
            let kind = try row.decode("kind", as: String.self)
            var entry = found[relation] ?? (kind, [:])
            if let column = try row.decode("column", as: String?.self) {
                entry.columns[column] = try row.decode("type", as: String.self)
            }
            found[relation] = entry
        }
        var labels: [String: Set<String>] = [:]
        for row in try db.execute("""
            SELECT t.typname::text AS name, e.enumlabel::text AS label
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
            WHERE t.typnamespace = 'public'::regnamespace AND t.typname = ANY($1::text[])
            """, [SQLArray(SeedCatalog.enums.map(\.name))]).rows {
            labels[try row.decode("name", as: String.self), default: []].insert(try row.decode("label", as: String.self))
        }
        if found.isEmpty && labels.isEmpty { return false }

        var problems: [String] = []
        for relation in SeedCatalog.relations {
            let what = relation.isView ? "view" : "table"
            guard let existing = found[relation.name] else { problems.append("\(what) \(relation.name)"); continue }
            let kindMatches = relation.isView ? existing.kind == "v" : ["r", "p"].contains(existing.kind)
            guard kindMatches else { problems.append("\(relation.name) is not a \(what)"); continue }
            for (column, type) in relation.columns {
                guard let actual = existing.columns[column] else { problems.append("column \(relation.name).\(column)"); continue }
                if actual != type { problems.append("column \(relation.name).\(column) is \(actual), not \(type)") }
            }
        }
        for seedEnum in SeedCatalog.enums {
            guard let existing = labels[seedEnum.name] else { problems.append("enum \(seedEnum.name)"); continue }
            let missing = seedEnum.labels.filter { !existing.contains($0) }
            if !missing.isEmpty { problems.append("enum \(seedEnum.name) lacks \(missing.joined(separator: ", "))") }
        }
        guard problems.isEmpty else {
            throw StoreError.invalid("database has only part of the seed schema, so postdeck will not adopt it; missing or different: \(problems.joined(separator: "; ")). Complete the seed by hand or use an empty database")
        }
        return true
    }
}
