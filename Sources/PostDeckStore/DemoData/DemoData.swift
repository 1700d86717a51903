import FoundationEssentials

/// Fills a migrated database with realistic agency data: the demo set that `postdeck demo`
/// and `postdeck seed` show, or a set of any size for benchmarks (`postdeck seed --scale N`).
///
/// All rows are computed by the server (set-based `INSERT … SELECT`) from a seeded hash:
/// the same seed and `now` give the same rows, ids included, however many connections
/// write them. Dates are relative to `now`. See docs/DEMO-DATA.md for what the data
/// contains and why.
public enum DemoData {
    /// The eleven tables the generator writes, parents first.
    public static let tables = [
        "agencies", "clients", "accounts", "platform_tokens", "post_templates", "campaigns",
        "posts", "post_platforms", "media_files", "post_analytics", "scheduled_jobs",
    ]

    public struct Options {
        /// Same seed, same `now`: same database.
        public var randomSeed: Int
        /// The instant every generated date is relative to.
        public var now: Date
        /// nil for the demo set (about 500 posts over five months); N for N posts over three
        /// years and two months, about 1,000 clients per million posts.
        public var scale: Int?
        /// Seed a database that already has posts: the generator's eleven tables (and the
        /// worker's claims and send log, which point into them) are emptied first (in the same
        /// transaction), so the result is exactly the generated set.
        public var force: Bool
        /// Connections writing at once in a scaled run through `seed(conninfo:options:)`
        /// (Postgres runs a statement on one core). The demo set always uses one.
        public var workers: Int
        /// Called after each chunk of posts (and once after the small tables), on the
        /// calling thread.
        public var progress: ((Progress) -> Void)?

        public init(randomSeed: Int = 1, now: Date = Date(), scale: Int? = nil, force: Bool = false,
                    workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                    progress: ((Progress) -> Void)? = nil) {
            self.randomSeed = randomSeed
            self.now = now
            self.scale = scale
            self.force = force
            self.workers = workers
            self.progress = progress
        }
    }

    /// How far a run has come.
    public struct Progress: Sendable {
        public let postsDone: Int
        public let postsTotal: Int
        /// Rows written so far, all tables together.
        public let rowsDone: Int
        public let elapsed: Duration

        public var fractionDone: Double { postsTotal == 0 ? 1 : Double(postsDone) / Double(postsTotal) }

        public var rowsPerSecond: Double {
            let seconds = elapsed.seconds
            return seconds > 0 ? Double(rowsDone) / seconds : 0
        }

        /// Extrapolated from the posts done so far; nil before the first chunk.
        public var estimatedRemaining: Duration? {
            guard postsDone > 0 else { return nil }
            let perPost = elapsed.seconds / Double(postsDone)
            return .milliseconds(Int64(perPost * Double(postsTotal - postsDone) * 1000))
        }
    }

    /// Rows written per table.
    public struct Summary: Sendable, Equatable {
        public var agencies = 0, clients = 0, accounts = 0, platformTokens = 0, postTemplates = 0, campaigns = 0
        public var posts = 0, postPlatforms = 0, mediaFiles = 0, postAnalytics = 0, scheduledJobs = 0

        public init() {}

        public var total: Int { rows.reduce(0) { $0 + $1.count } }

        /// Table name and count, in `DemoData.tables` order.
        public var rows: [(table: String, count: Int)] {
            [("agencies", agencies), ("clients", clients), ("accounts", accounts), ("platform_tokens", platformTokens),
             ("post_templates", postTemplates), ("campaigns", campaigns), ("posts", posts),
             ("post_platforms", postPlatforms), ("media_files", mediaFiles), ("post_analytics", postAnalytics),
             ("scheduled_jobs", scheduledJobs)]
        }
    }

    /// Generates the data set on `connection`, in one transaction, and returns what it wrote.
    ///
    /// Throws `StoreError.invalid` if the schema is missing, if `scale` is not positive, or
    /// if the database already has posts and `force` is false.
    @discardableResult
    public static func seed(on connection: Connection, options: Options) throws -> Summary {
        let plan = try plan(for: options)
        return try connection.transaction { db in
            try DemoGenerator(connection: db, plan: plan, seed: options.randomSeed, now: options.now, force: options.force)
                .run(progress: options.progress)
        }
    }

    /// Like `seed(on:options:)`, opening its own connections: a scaled run writes with
    /// `options.workers` connections at once (the small tables are committed first, the
    /// posts when every worker is done), which is what makes a million posts fit in
    /// minutes. The demo set is written on one connection in one transaction.
    @discardableResult
    public static func seed(conninfo: String, options: Options) throws -> Summary {
        let plan = try plan(for: options)
        guard plan.bulkLoad, options.workers > 1, plan.posts > plan.chunkSize else {
            return try seed(on: Connection(conninfo: conninfo), options: options)
        }
        return try DemoParallelRun(conninfo: conninfo, plan: plan, options: options, workers: options.workers).run()
    }

    private static func plan(for options: Options) throws -> DemoPlan {
        guard let scale = options.scale else { return .demo }
        guard scale > 0 else { throw StoreError.invalid("--scale must be a positive number of posts, not \(scale)") }
        return .scaled(posts: scale)
    }
}

fileprivate extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
