import FoundationEssentials

/// Runs the generator's statements on one connection, inside a transaction the caller owns.
struct DemoGenerator {
    let connection: Connection
    let plan: DemoPlan
    let seed: Int
    let now: Date
    let force: Bool
    private let planJSON: JSONText
    private let contentJSON: JSONText

    init(connection: Connection, plan: DemoPlan, seed: Int, now: Date, force: Bool) throws {
        self.connection = connection
        self.plan = plan
        self.seed = seed
        self.now = now
        self.force = force
        planJSON = try JSONText(encoding: plan)
        contentJSON = try JSONText(encoding: DemoContent.standard)
    }

    private var parameters: [(any SQLParameter)?] { [seed, now, contentJSON, planJSON] }

    /// All of it on this connection: checks, small tables, every chunk.
    func run(progress: ((DemoData.Progress) -> Void)?) throws -> DemoData.Summary {
        let started = ContinuousClock.now
        var summary = try writeFixtures()
        try configureBulkLoad()
        progress?(.init(postsDone: 0, postsTotal: plan.posts, rowsDone: summary.total, elapsed: .now - started))
        var low = 0
        while low < plan.posts {
            let high = min(plan.posts, low + plan.chunkSize)
            summary.add(try writePosts(low..<high))
            low = high
            progress?(.init(postsDone: low, postsTotal: plan.posts, rowsDone: summary.total, elapsed: .now - started))
        }
        return summary
    }

    /// Checks the database, empties it if forced, writes agencies … campaigns.
    func writeFixtures() throws -> DemoData.Summary {
        try checkSchema()
        try checkEmpty()
        try configureSession()
        var summary = DemoData.Summary()
        for (table, sql) in DemoFixtures.statements {
            let result = try step(table) { try connection.execute(sql, parameters, timeout: .seconds(3600)) }
            switch table {
            case "agencies": summary.agencies = result.rowsAffected
            case "clients": summary.clients = result.rowsAffected
            case "accounts":
                summary.accounts = try result.first?.decode("accounts", as: Int.self) ?? 0
                summary.platformTokens = try result.first?.decode("platform_tokens", as: Int.self) ?? 0
            case "post_templates": summary.postTemplates = result.rowsAffected
            default: summary.campaigns = result.rowsAffected
            }
        }
        return summary
    }

    /// Seeding is not interactive: no statement timeout, no JIT (compiling the big
    /// statements costs more than it saves), more memory for a chunk's materialized plan.
    /// LOCAL: the settings end with the transaction, so this is safe behind a pooler.
    func configureSession() throws {
        try connection.execute("""
            SELECT set_config('statement_timeout', '0', true), set_config('work_mem', '64MB', true),
                   set_config('jit', 'off', true)
            """)
    }

    /// A scaled run skips the tables' triggers (foreign-key checks, NOTIFY, updated_at) by
    /// acting as a replica for this transaction only, when the role may (superusers, and
    /// roles granted SET on the parameter): the generator writes consistent keys by
    /// construction, and the checks cost more than the inserts. Otherwise it runs with them.
    func configureBulkLoad() throws {
        guard plan.bulkLoad else { return }
        try connection.execute("SAVEPOINT postdeck_bulk_load")
        do {
            try connection.execute("SET LOCAL session_replication_role = replica")
            try connection.execute("RELEASE SAVEPOINT postdeck_bulk_load")
        } catch StoreError.server {
            try connection.execute("ROLLBACK TO SAVEPOINT postdeck_bulk_load")
        }
    }

    /// Posts `numbers` and everything that hangs off them, in one statement.
    func writePosts(_ numbers: Range<Int>) throws -> DemoData.Summary {
        let result = try step("posts") {
            try connection.execute(DemoPosts.chunk, parameters + [numbers.lowerBound, numbers.upperBound],
                                   timeout: .seconds(24 * 3600))
        }
        var summary = DemoData.Summary()
        if let row = result.first {
            summary.posts = try row.decode("posts", as: Int.self)
            summary.postPlatforms = try row.decode("post_platforms", as: Int.self)
            summary.postAnalytics = try row.decode("post_analytics", as: Int.self)
            summary.mediaFiles = try row.decode("media_files", as: Int.self)
            summary.scheduledJobs = try row.decode("scheduled_jobs", as: Int.self)
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

    private func checkSchema() throws {
        let row = try connection.execute("""
            SELECT array_to_string(ARRAY(SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass('public.' || t) IS NULL), ', ') AS missing
            """, [SQLArray(DemoData.tables)]).first
        let missing = try row?.decode("missing", as: String.self) ?? ""
        guard missing.isEmpty else {
            throw StoreError.invalid("the database has no postdeck schema (missing tables: \(missing)); run `postdeck migrate` first")
        }
    }

    private func checkEmpty() throws {
        let posts = try connection.execute("SELECT count(*) AS n FROM (SELECT 1 FROM public.posts LIMIT 1000000) p").first?
            .decode("n", as: Int.self) ?? 0
        guard posts > 0 else { return }
        guard force else {
            let count = posts >= 1_000_000 ? "over a million" : String(posts)
            throw StoreError.invalid("the database already has \(count) posts; seeding would mix demo data into it "
                + "(use --force to empty the postdeck tables and seed anyway)")
        }
        // Who manages which agency goes with the agencies (migration 7's table references them),
        // and the worker's claims and send log (migration 8), which point into them.
        let managers = try connection.execute("SELECT to_regclass('public.postdeck_agency_managers') IS NOT NULL AS present")
            .first?.decode("present", as: Bool.self) == true ? ["postdeck_agency_managers"] : []
        let tables = DemoData.tables + managers + ["postdeck_job_claims", "postdeck_deliveries"]
        try connection.execute("TRUNCATE " + tables.map { "public.\($0)" }.joined(separator: ", "))
    }
}

extension DemoData.Summary {
    mutating func add(_ other: DemoData.Summary) {
        agencies += other.agencies; clients += other.clients; accounts += other.accounts
        platformTokens += other.platformTokens; postTemplates += other.postTemplates; campaigns += other.campaigns
        posts += other.posts; postPlatforms += other.postPlatforms; mediaFiles += other.mediaFiles
        postAnalytics += other.postAnalytics; scheduledJobs += other.scheduledJobs
    }
}
