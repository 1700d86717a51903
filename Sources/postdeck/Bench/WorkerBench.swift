import FoundationEssentials
import Glibc
import LocalEndpoint
import PostDeckCore
import PostDeckStore

/// The publishing worker's throughput: `jobs` publish jobs, all due, each one post on one
/// account, claimed, sent to a local HTTP endpoint and completed by 1 and then 4
/// `postdeck-worker` processes. Writes its own agency of 100 accounts (healthy tokens) and
/// removes everything it wrote afterwards.
struct WorkerBench {
    struct Run {
        let workers: Int
        let concurrency: Int
        let jobs: Int
        /// From starting the worker processes to the last one exiting (`--exit-when-idle`).
        let wall: Duration
        /// From the first "about to send" to the last job completed, as the database recorded them.
        let busySeconds: Double
        let requests: Int
        let sentTwice: Int
        /// CPU seconds spent by the workers, the database server and the endpoint (this process).
        let cpuSeconds: Double?

        var jobsPerSecond: Double { Double(jobs) / max(0.001, wall.milliseconds / 1000) }
        var busyJobsPerSecond: Double { Double(jobs) / max(0.001, busySeconds) }
        /// CPU milliseconds per job, everything on this machine together.
        var cpuMillisecondsPerJob: Double? { cpuSeconds.map { $0 * 1000 / Double(jobs) } }
        /// Jobs per second if the machine's cores did nothing else: cores / CPU per job.
        var ceilingJobsPerSecond: Double? {
            cpuSeconds.map { Double(ProcessInfo.processInfo.activeProcessorCount) * Double(jobs) / max(0.001, $0) }
        }
    }

    static let agency = "b0000000-0000-4000-8000-00000000be0c"
    static let client = "b1000000-0000-4000-8000-00000000be0c"

    let connection: Connection
    let conninfo: String
    let jobs: Int
    let concurrency: Int
    /// The private cluster's data directory, whose server's CPU time is counted; nil: not counted.
    var serverDataDirectory: String?

    /// Runs the throughput measurement once per worker count.
    /// CPU and wakeups of a worker with nothing to do, over `seconds`.
    struct Idle {
        let seconds: Int
        let cpuTicks: Int
        let wakeups: Int
    }

    /// Starts a worker on a queue with nothing due, lets it settle, and watches it.
    func idle(seconds: Int) throws -> Idle {
        let program = try WorkerProgramLocation.find()
        let endpoint = try LocalEndpoint { _ in .json(#"{"platform_post_id": "idle"}"#) }
        defer { endpoint.stop() }
        let pid = try Subprocess.spawn([program, "--db", conninfo, "--publisher", "webhook", "--webhook-url", endpoint.url("/publish"),
                                        "--log-level", "error"],
                                       environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                                                     "XDG_CONFIG_HOME": FilePaths.temporaryDirectory() + "postdeck-bench-config",
                                                     "HOME": FilePaths.temporaryDirectory()])
        defer {
            kill(pid, SIGTERM)
            _ = Subprocess.wait(pid)
            _ = try? connection.execute("DELETE FROM postdeck_workers WHERE pid = $1::int AND stopped_at IS NOT NULL", [Int(pid)])
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while try connection.execute("SELECT 1 FROM postdeck_workers WHERE pid = $1::int AND stopped_at IS NULL", [Int(pid)]).rows.isEmpty {
            guard ContinuousClock.now < deadline else { throw StoreError.invalid("the idle worker did not start") }
            usleep(20_000)
        }
        sleep(2)
        let before = Self.threadSamples(pid)
        sleep(UInt32(seconds))
        let after = Self.threadSamples(pid)
        var ticks = 0, wakeups = 0
        for (thread, sample) in after {
            let earlier = before[thread]
            ticks += sample.ticks - (earlier?.ticks ?? 0)
            wakeups += sample.switches - (earlier?.switches ?? 0)
        }
        return Idle(seconds: seconds, cpuTicks: ticks, wakeups: wakeups)
    }

    /// CPU seconds of the database server so far: the postmaster and the backends it has
    /// reaped (its children's times), plus its live children.
    private func serverCPUSeconds() -> Double? {
        guard let directory = serverDataDirectory,
              let pidLine = try? String(contentsOfFile: directory + "/postmaster.pid", encoding: .utf8),
              let postmaster = pidLine.split(separator: "\n").first.flatMap({ Int32($0) }) else { return nil }
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        func times(_ pid: Int32, withChildren: Bool) -> Double {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return 0 }
            let fields = stat[stat.index(after: close)...].split(separator: " ").compactMap { Double($0) }
            // After the name: state, then fields 4…; utime, stime, cutime, cstime are fields 14–17.
            guard fields.count > 14 else { return 0 }
            return (fields[10] + fields[11] + (withChildren ? fields[12] + fields[13] : 0)) / ticksPerSecond
        }
        let children = ((try? String(contentsOfFile: "/proc/\(postmaster)/task/\(postmaster)/children", encoding: .utf8)) ?? "")
            .split(separator: " ").compactMap { Int32($0) }
        return times(postmaster, withChildren: true) + children.reduce(0) { $0 + times($1, withChildren: false) }
    }

    private static func ownCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private static func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }

    /// CPU ticks and context switches of each thread of a process (a thread that ends
    /// between two samples is not counted; one that starts counts from zero).
    private static func threadSamples(_ pid: pid_t) -> [String: (ticks: Int, switches: Int)] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        var samples: [String: (ticks: Int, switches: Int)] = [:]
        for task in tasks {
            guard let sample = ProcessSample(path: "/proc/\(pid)/task/\(task)") else { continue }
            samples[task] = (sample.cpuTicks, sample.voluntarySwitches + sample.involuntarySwitches)
        }
        return samples
    }

    func run(workerCounts: [Int] = [1, 4]) throws -> [Run] {
        let program = try WorkerProgramLocation.find()
        try removeRows()
        defer { try? removeRows() }
        try installAccounts()
        var runs: [Run] = []
        for count in workerCounts {
            runs.append(try measure(workers: count, program: program))
            try removePosts()
        }
        return runs
    }

    private func measure(workers: Int, program: String) throws -> Run {
        try schedulePosts()
        let endpoint = try LocalEndpoint { _ in .json(#"{"platform_post_id": "bench"}"#) }
        defer { endpoint.stop() }
        let emptyConfig = FilePaths.temporaryDirectory() + "postdeck-bench-config"
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "XDG_CONFIG_HOME": emptyConfig,
                           "HOME": FilePaths.temporaryDirectory()]
        let log = FilePaths.temporaryDirectory() + "postdeck-bench-worker.log"
        let cpuBefore = serverCPUSeconds().map { $0 + Self.ownCPUSeconds() }
        let started = ContinuousClock.now
        let pids = try (0..<workers).map { _ in
            try Subprocess.spawn([program, "--db", conninfo, "--publisher", "webhook", "--webhook-url", endpoint.url("/publish"),
                                  "--concurrency", String(concurrency), "--exit-when-idle", "--log-level", "error"],
                                 outputPath: log, truncate: true, environment: environment)
        }
        var workerCPU = 0.0
        let statuses = pids.map { pid -> Int32 in
            var status: Int32 = 0
            var usage = rusage()
            while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
            workerCPU += Self.seconds(usage.ru_utime) + Self.seconds(usage.ru_stime)
            return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        }
        let wall = ContinuousClock.now - started
        let cpuAfter = serverCPUSeconds().map { $0 + Self.ownCPUSeconds() }
        defer {
            _ = try? connection.execute("DELETE FROM postdeck_workers WHERE pid = ANY($1::int[]) AND stopped_at IS NOT NULL",
                                        [SQLArray(pids.map { Int($0) as any SQLParameter })])
        }
        if let failed = statuses.first(where: { $0 != 0 }) {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw StoreError.invalid("a bench worker exited with status \(failed): \(output.split(separator: "\n").last ?? "")")
        }
        let completed: Int = try connection.execute("""
            SELECT count(*) AS n FROM scheduled_jobs j JOIN posts p ON p.id = postdeck_uuid_or_null(j.job_data->>'post_id')
            WHERE p.client_id = $1::uuid AND j.status = 'completed'
            """, [Self.client]).first?.decode("n") ?? 0
        guard completed == jobs else { throw StoreError.invalid("only \(completed) of \(jobs) bench jobs completed") }
        let busy: Double = try connection.execute("""
            SELECT extract(epoch FROM max(j.completed_at) - min(d.started_at))::float8 AS busy
            FROM posts p JOIN post_platforms pp ON pp.post_id = p.id
            JOIN postdeck_deliveries d ON d.post_platform_id = pp.id
            JOIN scheduled_jobs j ON j.id = d.job_id
            WHERE p.client_id = $1::uuid
            """, [Self.client]).first?.decode("busy") ?? 0
        // Only the bench's own posts: due posts of the data set (the demo's, say) go out too.
        var perPlatform: [String: Int] = [:]
        for request in endpoint.requests {
            guard let document = request.json, (document["client"] as? [String: Any])?["id"] as? String == Self.client else { continue }
            perPlatform[document["post_platform_id"] as? String ?? "?", default: 0] += 1
        }
        var cpu: Double?
        if let cpuBefore, let cpuAfter { cpu = cpuAfter - cpuBefore + workerCPU }
        return Run(workers: workers, concurrency: concurrency, jobs: jobs, wall: wall, busySeconds: busy,
                   requests: perPlatform.values.reduce(0, +), sentTwice: perPlatform.values.filter { $0 > 1 }.count,
                   cpuSeconds: cpu)
    }

    /// 100 accounts on the four networks, each with a token that lasts.
    private func installAccounts() throws {
        try connection.execute("""
            WITH agency AS (
                INSERT INTO agencies (id, name, email) VALUES ($1::uuid, 'postdeck bench', 'bench@postdeck.invalid')
            ), client AS (
                INSERT INTO clients (id, agency_id, name) VALUES ($2::uuid, $1::uuid, 'postdeck bench')
            ), accounts AS (
                INSERT INTO accounts (id, client_id, platform, platform_account_id, username)
                SELECT md5('bench-account-' || n)::uuid, $2::uuid,
                       (ARRAY['linkedin', 'instagram', 'tiktok', 'facebook'])[1 + n % 4]::platform_type, 'bench-' || n, 'bench' || n
                FROM generate_series(1, 100) AS n
                RETURNING id
            )
            INSERT INTO platform_tokens (account_id, access_token, expires_at)
            SELECT id, 'bench', now() + interval '1 year' FROM accounts
            """, [Self.agency, Self.client])
    }

    /// `jobs` scheduled posts due a minute ago, one account each, with their publish jobs.
    private func schedulePosts() throws {
        try connection.execute("""
            WITH posts_written AS (
                INSERT INTO posts (id, client_id, status, content, scheduled_at)
                SELECT md5('bench-post-' || n || '-' || clock_timestamp())::uuid, $1::uuid, 'scheduled',
                       'Benchmark post ' || n, now() - interval '1 minute'
                FROM generate_series(1, $2::int) AS n
                RETURNING id, scheduled_at
            ), numbered AS (
                SELECT id, scheduled_at, row_number() OVER (ORDER BY id) AS n FROM posts_written
            ), platforms AS (
                INSERT INTO post_platforms (post_id, account_id, status)
                SELECT id, md5('bench-account-' || (1 + n % 100))::uuid, 'pending' FROM numbered
            )
            INSERT INTO scheduled_jobs (job_type, job_data, status, scheduled_for)
            SELECT 'post_publish', jsonb_build_object('post_id', id::text,
                                                      'account_ids', jsonb_build_array(md5('bench-account-' || (1 + n % 100))::uuid::text)),
                   'pending', scheduled_at
            FROM numbered
            """, [Self.client, jobs], timeout: .seconds(120))
        try connection.execute("ANALYZE scheduled_jobs")
    }

    private func removePosts() throws {
        try connection.execute("""
            DELETE FROM scheduled_jobs j USING posts p
            WHERE p.client_id = $1::uuid AND j.job_data->>'post_id' = p.id::text
            """, [Self.client], timeout: .seconds(120))
        try connection.execute("DELETE FROM posts WHERE client_id = $1::uuid", [Self.client], timeout: .seconds(120))
    }

    private func removeRows() throws {
        try removePosts()
        try connection.execute("DELETE FROM agencies WHERE id = $1::uuid", [Self.agency])
    }
}
