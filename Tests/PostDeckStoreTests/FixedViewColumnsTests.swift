import Testing
import PostDeckStore
import PostDeckTestSupport

/// Readers written against the seed (Prisma, reports, psql habits) keep working: migration 2
/// keeps each view's columns, order and types, and only appends `client_id`.
@Suite struct FixedViewColumnsTests {
    @Test(arguments: ["post_performance_summary", "account_health"])
    func theFixedViewHasTheSeedColumnsThenClientID(view: String) throws {
        let seedOnly = try TestDatabase.make().connect()
        try Migrator.migrate(seedOnly, migrations: [Migrations.all[0]])
        let migrated = try TestDatabase.migrated().connect()
        let seedColumns = try seedOnly.columns(of: view)
        #expect(seedColumns.count >= 9)
        #expect(try migrated.columns(of: view) == seedColumns + ["client_id:uuid"])
    }

    @Test func noSeedColumnOfAnyTableIsRenamedOrRetypedAndOnlyOneIsAppended() throws {
        let seedOnly = try TestDatabase.make().connect()
        try Migrator.migrate(seedOnly, migrations: [Migrations.all[0]])
        let migrated = try TestDatabase.migrated().connect()
        let tables = try seedOnly.execute("""
            SELECT relname::text AS name FROM pg_class
            WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> 'postdeck_schema_migrations'
            """).rows.map { try $0.decode("name", as: String.self) }
        #expect(tables.count == 11)
        // Columns are only ever appended: migration 7's leak-proof key of a job's post.
        let appended = ["scheduled_jobs": ["post_id:uuid"]]
        for table in tables {
            #expect(try migrated.columns(of: table) == seedOnly.columns(of: table) + appended[table, default: []], "\(table)")
        }
        // And every index of the seed is still there.
        let seedIndexes = Set(try seedOnly.catalog().filter { $0.hasPrefix("index ") })
        #expect(seedIndexes.isSubset(of: Set(try migrated.catalog())))
    }
}
