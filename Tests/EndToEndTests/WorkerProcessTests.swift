import Foundation
import Testing
import LocalEndpoint
import PostDeckCore
import PostDeckStore
import PostDeckTestSupport

/// The real `postdeck worker` programs, started as an agency would start them, against a
/// real PostgreSQL and a local HTTP endpoint that records every request.
@Suite struct WorkerProcessTests {
    typealias S = PublishScenario

    /// A worker process of the test's own, its output in a file; killed if the test ends first.
    final class WorkerProcess {
        let pid: pid_t
        let logPath: String
        private var exited: Int32?

        init(_ arguments: [String], environment: [String: String] = [:], input: Int32? = nil) throws {
            logPath = NSTemporaryDirectory() + "postdeck-worker-\(UInt32.random(in: 0...UInt32.max)).log"
            var variables = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8",
                             "HOME": NSTemporaryDirectory(), "XDG_CONFIG_HOME": NSTemporaryDirectory() + "no-config"]
            variables.merge(environment) { $1 }
            pid = try Subprocess.spawn([TerminalSession.binary, "worker"] + arguments, input: input, outputPath: logPath,
                                       truncate: true, environment: variables)
        }

        var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

        func waitForExit(timeout: Duration = .seconds(30)) -> Int32? {
            if exited == nil { exited = Subprocess.wait(pid, timeout: timeout) }
            return exited
        }

        deinit {
            if exited == nil {
                kill(pid, SIGKILL)
                _ = Subprocess.wait(pid)
            }
            unlink(logPath)
        }
    }

    private func count(_ db: Connection, _ sql: String) throws -> Int {
        try db.execute(sql).first?.decode("n") ?? -1
    }

    private func waitUntil(_ what: String, timeout: Duration = .seconds(60), _ condition: () throws -> Bool) throws {
        let deadline = ContinuousClock.now + timeout
        while try !condition() {
            if ContinuousClock.now >= deadline { throw WorkerTimeout(waitingFor: what) }
            usleep(20_000)
        }
    }

    struct WorkerTimeout: Error, CustomStringConvertible {
        let waitingFor: String
        var description: String { "timed out waiting for \(waitingFor)" }
    }

    @Test func twoWorkersAndOneKilledMidRunSendNoPostTwice() throws {
        let endpoint = try LocalEndpoint { request in
            let document = request.json
            let id = "\(document?["platform"] as? String ?? "x")-\(document?["post_platform_id"] as? String ?? "?")"
            return .json(#"{"platform_post_id": "\#(id)"}"#, delay: .milliseconds(150))
        }
        let database = try TestDatabase.make()
        let db = try database.connect()
        try S.install(on: db)
        for index in 0..<30 {
            try S.schedule(on: db, accounts: index % 3 == 0 ? [S.instagram, S.linkedin] : [index % 2 == 0 ? S.instagram : S.linkedin],
                           content: "Post \(index)")
        }
        let total = try count(db, "SELECT count(*) AS n FROM post_platforms")
        let arguments = ["--db", database.conninfo, "--publisher", "webhook", "--webhook-url", endpoint.url("/publish"),
                         "--concurrency", "4", "--lease", "3", "--backoff", "0.2"]
        let doomed = try WorkerProcess(arguments)
        let survivor = try WorkerProcess(arguments)

        // Kill the first worker while it has a send on the wire: "about to send" recorded, no answer yet.
        try waitUntil("the first worker to have a send in flight", timeout: .seconds(30)) {
            try count(db, """
                SELECT count(*) AS n FROM postdeck_deliveries d JOIN postdeck_workers w ON w.id = d.worker_id
                WHERE w.pid = \(doomed.pid) AND d.finished_at IS NULL
                """) > 0
        }
        kill(doomed.pid, SIGKILL)
        #expect(doomed.waitForExit() == 128 + SIGKILL)

        try waitUntil("every job to be settled") {
            try count(db, "SELECT count(*) AS n FROM scheduled_jobs WHERE status IN ('pending', 'processing')") == 0
        }
        kill(survivor.pid, SIGTERM)
        #expect(survivor.waitForExit() == 0, "SIGTERM is a clean stop: \(survivor.log)")

        var sends: [String: Int] = [:]
        for request in endpoint.requests {
            sends[request.json?["post_platform_id"] as? String ?? "?", default: 0] += 1
        }
        #expect(sends.values.allSatisfy { $0 == 1 }, "no post_platform was sent twice: \(sends.filter { $0.value > 1 })")
        let published = try count(db, "SELECT count(*) AS n FROM post_platforms WHERE status = 'published'")
        let unknown = try count(db, "SELECT count(*) AS n FROM post_platforms WHERE status = 'failed' AND error_message = '\(PublishSettlement.outcomeUnknown)'")
        #expect(published + unknown == total, "every post_platform is published or honestly unknown")
        #expect(unknown >= 1, "the send the killed worker had in flight is unknown, not sent again")
        #expect(try count(db, """
            SELECT count(*) AS n FROM post_platforms pp WHERE pp.status = 'published'
            AND pp.platform_post_id <> (SELECT a.platform FROM accounts a WHERE a.id = pp.account_id)::text || '-' || pp.id::text
            """) == 0, "each published post_platform holds the id its own answer gave")
        #expect(try count(db, """
            SELECT count(*) AS n FROM post_platforms pp JOIN postdeck_deliveries d ON d.post_platform_id = pp.id
            JOIN postdeck_workers w ON w.id = d.worker_id
            WHERE pp.status = 'failed' AND w.pid <> \(doomed.pid)
            """) == 0, "only the killed worker's sends are unknown")
        #expect(try count(db, "SELECT count(*) AS n FROM posts WHERE status NOT IN ('published', 'failed')") == 0)
        #expect(survivor.log.contains("rescued job"))
    }

    @Test func theWorkerStopsWhenItsStandardInputClosesAsTheDemosDoes() throws {
        let database = try TestDatabase.make()
        try S.install(on: database.connect())
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        // Our end must not leak into processes other tests start meanwhile: they would hold it open.
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        let worker = try WorkerProcess(["--db", database.conninfo, "--publisher", "sandbox", "--until-stdin-closes"], input: ends[0])
        close(ends[0])
        let db = try database.connect()
        try waitUntil("the worker to register", timeout: .seconds(30)) {
            try count(db, "SELECT count(*) AS n FROM postdeck_workers WHERE stopped_at IS NULL") == 1
        }
        close(ends[1])
        #expect(worker.waitForExit() == 0, "\(worker.log)")
        #expect(try count(db, "SELECT count(*) AS n FROM postdeck_workers WHERE stopped_at IS NOT NULL") == 1)
    }

    @Test func badArgumentsAndAnUnmigratedDatabaseAreOneLineErrors() throws {
        let usage = try WorkerProcess(["--publisher", "webhook"])
        #expect(usage.waitForExit() == 2)
        #expect(usage.log == "postdeck worker: --publisher webhook needs --webhook-url URL (see `postdeck worker --help`)\n")

        let help = try WorkerProcess(["--help"])
        #expect(help.waitForExit() == 0)
        #expect(help.log.contains("--publisher <publisher>") && help.log.contains("USAGE: postdeck worker"))

        let empty = try TestDatabase.make()
        let unmigrated = try WorkerProcess(["--db", empty.conninfo, "--publisher", "sandbox"])
        #expect(unmigrated.waitForExit() == 1)
        #expect(unmigrated.log == "postdeck worker: database is not migrated: run `postdeck migrate`\n")

        let broken = NSTemporaryDirectory() + "pdk-config-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: broken + "/postdeck", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: broken) }
        try "[worker.networks]\nlinkdin = 2\n".write(toFile: broken + "/postdeck/config.toml", atomically: true, encoding: .utf8)
        let misconfigured = try WorkerProcess(["--publisher", "sandbox"], environment: ["XDG_CONFIG_HOME": broken])
        #expect(misconfigured.waitForExit() == 1)
        #expect(misconfigured.log.hasPrefix("postdeck worker: \(broken)/postdeck/config.toml: worker.networks.linkdin: unknown network"))
    }
}
