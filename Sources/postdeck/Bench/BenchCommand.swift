import ArgumentParser
import FoundationEssentials
import Glibc
import PostDeckApp
import PostDeckCore
import PostDeckStore

/// `postdeck bench`: how fast the panes' queries, the first frame and the keys are, how
/// much memory the UI holds and whether it sleeps when idle, with the machine's load beside
/// the figures. Prints a Markdown section and can put it into docs/PERFORMANCE.md.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the panes' queries, a 5,000-row import, start-up, key-to-frame time, memory, idle CPU and the worker's throughput.",
        discussion: """
            Without --db it starts a private PostgreSQL and fills it with the demo data (or --scale N posts). \
            Measure the release build (swift build -c release --static-swift-stdlib) on a quiet machine: \
            `postdeck bench --write docs/PERFORMANCE.md` regenerates the demo section, \
            `postdeck bench --scale 1000000 --write docs/PERFORMANCE.md` (or --db on a database seeded with \
            `postdeck seed --scale 1000000`) the section at scale.
            """)

    @Option(name: .customLong("db"), help: ArgumentHelp("Measure on this (migrated, seeded) database.", valueName: "CONNINFO"))
    var conninfo: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Generate N posts instead of the demo data (private database only).", valueName: "N"))
    var scale: Int?

    @Option(parsing: .unconditional, help: "Timed runs per query (1 to 10,000).")
    var runs: Int = 30

    @Option(help: ArgumentHelp("Put the figures into this Markdown file, replacing the section measured before.", valueName: "PATH"))
    var write: String?

    @Option(help: ArgumentHelp("The file's section to replace: demo or scale (default: demo for the private demo data, scale otherwise).",
                               valueName: "NAME"))
    var section: String?

    @Flag(help: "Skip the measurements that run the binary in tmux (start-up in a real terminal, idle CPU, memory).")
    var skipTerminal = false

    @Flag(help: "Skip the pane queries as a manager of one agency (row-level security; needs CREATEROLE).")
    var skipRowSecurity = false

    @Flag(help: "Only the pane queries (with and without row-level security): no UI, no terminal, no one-shot commands.")
    var queriesOnly = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds to watch the idle UI (1 to 3600).", valueName: "SECONDS"))
    var idleSeconds: Int = 10

    @Option(parsing: .unconditional, help: ArgumentHelp("Only fuzz the parsers of untrusted input with N mutated inputs each (up to 100,000,000), then stop.",
                                                        valueName: "N"))
    var fuzz: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of --fuzz's mutations (default: random, printed).", valueName: "N"))
    var fuzzSeed: UInt64?

    @Option(parsing: .unconditional, help: ArgumentHelp("Publish jobs per worker throughput run (0 skips it; private database only, since its workers take every due job).", valueName: "N"))
    var workerJobs: Int = 10_000

    @Option(parsing: .unconditional, help: ArgumentHelp("Calls in flight per worker in the throughput runs (1 to 1024).", valueName: "N"))
    var workerConcurrency: Int = 64

    func validate() throws {
        try requireRange(runs, 1...10_000, option: "--runs", unit: "runs")
        try requireRange(idleSeconds, 1...3_600, option: "--idle-seconds", unit: "seconds")
        if let scale { try requireRange(scale, 1...SeedCommand.largestScale, option: "--scale", unit: "posts") }
        if let fuzz { try requireRange(fuzz, 1...100_000_000, option: "--fuzz", unit: "inputs") }
        try requireRange(workerJobs, 0...10_000_000, option: "--worker-jobs", unit: "jobs")
        try requireRange(workerConcurrency, 1...1_024, option: "--worker-concurrency")
        if conninfo != nil && scale != nil { throw ValidationError("--scale generates a private database; it cannot be combined with --db") }
        if let section, !["demo", "scale"].contains(section) { throw ValidationError("--section is demo or scale") }
    }

    /// Settings of the private cluster at scale: the data should fit in shared buffers, as on
    /// a production server, and the planner should know the disk is fast.
    static let scaleSettings = ["shared_buffers": "2GB", "effective_cache_size": "8GB", "random_page_cost": "1.1",
                                "max_wal_size": "8GB", "maintenance_work_mem": "512MB"]

    func run() throws {
        if let fuzz {
            let text = FuzzBench(inputs: fuzz, seed: fuzzSeed ?? UInt64.random(in: 0...UInt64.max)).run(note: note)
            note("")
            Output.result(text)
            if let write { try text.write(toFile: write, atomically: true, encoding: .utf8) }
            return
        }
        let signals = SignalPipe(signals: [SIGINT, SIGTERM, SIGHUP])
        var cluster: LocalCluster?
        defer { cluster?.stop() }
        let target: String
        var dataSet = "the database given with --db"
        if let conninfo {
            target = conninfo
        } else {
            cluster = try LocalCluster.start(settings: scale == nil ? [:] : Self.scaleSettings)
            target = cluster!.conninfo()
            let connection = try Connection(conninfo: target)
            try Migrator.migrate(connection)
            let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
            let summary = try DemoData.seed(conninfo: target, options: .init(
                randomSeed: 1, now: Date(), scale: scale, force: false,
                progress: { progress.show(SeedCommand.describe($0)) }))
            progress.finish()
            dataSet = scale == nil ? "the demo data (\(MetricFormat.grouped(summary.posts)) posts)"
                : "\(MetricFormat.grouped(summary.posts)) posts, \(MetricFormat.grouped(summary.postAnalytics)) analytics rows (--scale \(scale!))"
            connection.statementTimeout = nil
            try connection.execute("VACUUM ANALYZE")
        }
        let connection = try Connection(conninfo: target)
        try Migrator.requireCurrent(connection)
        if conninfo != nil { dataSet = try Self.describeData(connection) }
        let key = section ?? (conninfo == nil && scale == nil ? "demo" : "scale")
        var report = BenchReport(title: key == "demo" ? "Demo data" : "At scale", dataSet: dataSet)

        note("pane queries…")
        report.queries = try QueryBench(connection: connection, conninfo: target, runs: runs).run()
        if !skipRowSecurity {
            note("pane queries with row-level security…")
            report.rowSecurity = try RowSecurityBench(connection: Connection(conninfo: target), conninfo: target, runs: runs).run()
        }
        if signals.drain().contains(where: { [SIGINT, SIGTERM, SIGHUP].contains($0) }) { throw ExitStatus(code: 130) }

        if !queriesOnly {
            note("importing 5,000 rows…")
            report.imports = try ImportBench(connection: connection, conninfo: target, runs: min(runs, 3)).run()
            if signals.drain().contains(where: { [SIGINT, SIGTERM, SIGHUP].contains($0) }) { throw ExitStatus(code: 130) }

            note("first frame and keys in the memory backend…")
            report.ui = try UIBench(conninfo: target, signals: signals).run()
        }

        // Its workers publish every due job of the database, not only the bench's: never on --db.
        if workerJobs > 0 && conninfo == nil && !queriesOnly {
            note("publishing worker throughput…")
            var bench = WorkerBench(connection: connection, conninfo: target, jobs: workerJobs, concurrency: workerConcurrency)
            bench.serverDataDirectory = cluster.map { $0.directory + "/data" }
            report.worker = try bench.run()
            report.workerIdle = try bench.idle(seconds: idleSeconds)
            if signals.drain().contains(where: { [SIGINT, SIGTERM, SIGHUP].contains($0) }) { throw ExitStatus(code: 130) }
        }

        if !skipTerminal && !queriesOnly {
            note("the binary in tmux…")
            report.terminal = try TerminalBench(conninfo: target, idleSeconds: idleSeconds).run()
            note("one-shot commands…")
            let client = try QueryBench.subjects(connection).client.id
            report.commands = try TerminalBench.oneShot(conninfo: target, runs: min(runs, 20), client: client)
        }
        report.loadAfter = MachineLoad.now
        note("")
        print(report.markdown)
        if let write {
            let document = (try? String(contentsOfFile: write, encoding: .utf8)) ?? ""
            let updated = BenchReport.replacingSection(key, in: document, with: report.markdown)
            do {
                try FilePaths.writeAtomically(Array(updated.utf8), to: write)
            } catch {
                throw UserFacingError(message: "cannot write \(write): \(error)")
            }
            print("wrote the \(key) section of \(write)")
        }
    }

    /// "1,000,000 posts, 19,912,064 analytics rows in …" for a database given with --db.
    static func describeData(_ connection: Connection) throws -> String {
        let row = try connection.execute("""
            SELECT (SELECT count(*) FROM posts) AS posts, (SELECT count(*) FROM post_analytics) AS analytics,
                   (SELECT count(*) FROM clients) AS clients, current_setting('shared_buffers') AS buffers
            """).first
        let posts = try row?.decode("posts", as: Int.self) ?? 0
        let analytics = try row?.decode("analytics", as: Int.self) ?? 0
        let clients = try row?.decode("clients", as: Int.self) ?? 0
        let buffers = try row?.decode("buffers", as: String.self) ?? "?"
        return "\(MetricFormat.grouped(posts)) posts, \(MetricFormat.grouped(analytics)) analytics rows, \(MetricFormat.grouped(clients)) clients (the database given with --db; shared_buffers \(buffers))"
    }

    private func note(_ text: String) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        StandardStreams.error("\r\u{1b}[2K\(text)")
    }
}
