import Foundation

/// Runs the generator's statements on one connection inside the caller's transaction.
struct DemoGenerator {
    let connection: Connection
    let plan: DemoPlan
    let options: DemoData.Options
    private let planJSON: JSONText
    private let contentJSON: JSONText

    init(connection: Connection, plan: DemoPlan, options: DemoData.Options) throws {
        self.connection = connection
        self.plan = plan
        self.options = options
        planJSON = try JSONText(encoding: plan)
        contentJSON = try JSONText(encoding: DemoContent.standard)
    }

    private var parameters: [(any SQLParameter)?] { [options.randomSeed, options.now, contentJSON, planJSON] }

    func run() throws -> DemoData.Summary {
        let started = ContinuousClock.now
        try checkSchema()
        try checkEmpty()
        // Seeding is not interactive: no statement timeout, more memory for the chunk's
        // materialized plan. LOCAL: both end with the transaction (safe behind a pooler).
        try connection.execute("SELECT set_config('statement_timeout', '0', true), set_config('work_mem', '64MB', true), set_config('jit', 'off', true)")

        if plan.bulkLoad { try skipTriggersIfAllowed() }

        var summary = DemoData.Summary()
        for (table, sql) in DemoFixtures.statements {
            let result = try step(table) { try connection.execute(sql, parameters, timeout: .seconds(3600)) }
            switch table {
            case "agencies": summary.agencies = result.rowsAffected
            case "clients": summary.clients = result.rowsAffected
            case "accounts":
                let row = result.first
                summary.accounts = try row?.decode("accounts", as: Int.self) ?? 0
                summary.platformTokens = try row?.decode("platform_tokens", as: Int.self) ?? 0
            case "post_templates": summary.postTemplates = result.rowsAffected
            default: summary.campaigns = result.rowsAffected
            }
        }
        report(summary, postsDone: 0, since: started)

        var low = 0
        while low < plan.posts {
            let high = min(plan.posts, low + plan.chunkSize)
            let result = try step("posts") {
                try connection.execute(DemoPosts.chunk, parameters + [low, high], timeout: .seconds(24 * 3600))
            }
            if let row = result.first {
                summary.posts += try row.decode("posts", as: Int.self)
                summary.postPlatforms += try row.decode("post_platforms", as: Int.self)
                summary.postAnalytics += try row.decode("post_analytics", as: Int.self)
                summary.mediaFiles += try row.decode("media_files", as: Int.self)
                summary.scheduledJobs += try row.decode("scheduled_jobs", as: Int.self)
            }
            low = high
            report(summary, postsDone: low, since: started)
        }
        return summary
    }

    /// A failing statement names the table it was writing (the server's message alone
    /// cannot say which of the generator's statements it came from).
    private func step<T>(_ table: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch StoreError.server(let error) {
            throw StoreError.server(ServerError(sqlState: error.sqlState, severity: error.severity,
                                                message: "demo data, \(table): \(error.message)",
                                                detail: error.detail, hint: error.hint))
        }
    }

    private func report(_ summary: DemoData.Summary, postsDone: Int, since started: ContinuousClock.Instant) {
        options.progress?(DemoData.Progress(postsDone: postsDone, postsTotal: plan.posts, rowsDone: summary.total,
                                            elapsed: ContinuousClock.now - started))
    }

    /// A scaled run skips the tables' triggers (foreign-key checks, NOTIFY, updated_at) by
    /// acting as a replica for this transaction only, when the role may (superusers, and
    /// roles granted SET on the parameter): the generator writes consistent keys by
    /// construction, and the checks cost more than the inserts. Otherwise it runs with them.
    private func skipTriggersIfAllowed() throws {
        try connection.execute("SAVEPOINT postdeck_bulk_load")
        do {
            try connection.execute("SET LOCAL session_replication_role = replica")
            try connection.execute("RELEASE SAVEPOINT postdeck_bulk_load")
        } catch StoreError.server {
            try connection.execute("ROLLBACK TO SAVEPOINT postdeck_bulk_load")
        }
    }

    private func checkSchema() throws {
        let names = SQLArray(DemoData.tables)
        let row = try connection.execute("""
            SELECT array_to_string(ARRAY(SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass('public.' || t) IS NULL), ', ') AS missing
            """, [names]).first
        let missing = try row?.decode("missing", as: String.self) ?? ""
        guard missing.isEmpty else {
            throw StoreError.invalid("the database has no postdeck schema (missing tables: \(missing)); run `postdeck migrate` first")
        }
    }

    private func checkEmpty() throws {
        let posts = try connection.execute("SELECT count(*) AS n FROM (SELECT 1 FROM public.posts LIMIT 1000000) p").first?
            .decode("n", as: Int.self) ?? 0
        guard posts > 0 else { return }
        guard options.force else {
            let count = posts >= 1_000_000 ? "over a million" : String(posts)
            throw StoreError.invalid("the database already has \(count) posts; seeding would mix demo data into it "
                + "(use --force to empty the postdeck tables and seed anyway)")
        }
        try connection.execute("TRUNCATE " + DemoData.tables.map { "public.\($0)" }.joined(separator: ", "))
    }
}
