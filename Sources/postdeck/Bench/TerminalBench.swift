import Foundation
import PostDeckCore
import PostDeckStore

/// The release binary as a user runs it: in a real terminal (tmux), and as one-shot commands.
struct TerminalBench {
    struct Figures {
        var firstFrame = Measurement("first frame in tmux")
        var residentKilobytesAfterAllPanes = 0
        var idleSeconds = 0
        var idleCPUTicks = 0
        var idleWakeups = 0
    }

    let conninfo: String
    let idleSeconds: Int

    static var binary: String { SelfExecutable.path ?? CommandLine.arguments[0] }

    func run() throws -> Figures {
        var figures = Figures()
        figures.idleSeconds = idleSeconds
        for attempt in 0..<5 {
            let session = try Tmux(command: [Self.binary, "--db", conninfo], width: 120, height: 40)
            defer { session.close() }
            let started = session.started
            guard session.waitFor(" expired · ", timeout: .seconds(20)) else { throw StoreError.invalid("the UI did not show data in tmux") }
            figures.firstFrame.samples.append(ContinuousClock.now - started)
            guard attempt == 0 else { continue }
            // Visit every pane, then watch the process while nothing happens.
            for key in ["1", "2", "Escape", "4", "3"] {
                session.send(key)
                usleep(300_000)
            }
            // Idle means nothing left to do: wait (up to a minute) until the process has used
            // no CPU for two seconds in a row, then watch it.
            let pid = session.pid
            var quiet = 0
            var last = ProcessSample(pid: pid)?.cpuTicks ?? 0
            for _ in 0..<60 where quiet < 2 {
                sleep(1)
                let now = ProcessSample(pid: pid)?.cpuTicks ?? 0
                quiet = now == last ? quiet + 1 : 0
                last = now
            }
            guard let before = ProcessSample(pid: pid) else { continue }
            figures.residentKilobytesAfterAllPanes = before.residentKilobytes
            sleep(UInt32(idleSeconds))
            if let after = ProcessSample(pid: pid) {
                figures.idleCPUTicks = after.cpuTicks - before.cpuTicks
                figures.idleWakeups = (after.voluntarySwitches - before.voluntarySwitches) + (after.involuntarySwitches - before.involuntarySwitches)
            }
            session.send("q")
        }
        return figures
    }

    /// `postdeck health --client` against `psql` running the same query, as cron would.
    static func oneShot(conninfo: String, runs: Int, connection: Connection) throws -> (postdeck: Measurement, psql: Measurement) {
        guard let client: ClientID = try connection.execute("SELECT client_id FROM posts GROUP BY client_id ORDER BY count(*) DESC LIMIT 1")
                .first?.decode("client_id") else { throw StoreError.invalid("no posts") }
        var ours = Measurement("postdeck health")
        var psql = Measurement("psql")
        let literal = QueryBench.literalSQL(HealthQueries.accounts(in: .client(client)).sql, [client])
        for _ in 0..<runs {
            try ours.time { try Subprocess.run([binary, "health", "--db", conninfo, "--client", client.description, "--format", "csv"], check: false) }
            try psql.time { try Subprocess.run(["psql", "-X", "-q", "-A", "-t", "-d", conninfo, "-c", literal], check: false) }
        }
        return (ours, psql)
    }
}

/// Where this executable is (for running it again in tmux).
enum SelfExecutable {
    static var path: String? { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") }
}

/// A detached tmux session of its own running one command.
final class Tmux {
    let server = "postdeck-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let started: ContinuousClock.Instant
    private let home: String

    init(command: [String], width: Int, height: Int) throws {
        home = FilePaths.temporaryDirectory() + server
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let line = "exec " + command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        started = .now
        try Subprocess.run(["tmux", "-L", server, "-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height),
                            "-e", "LANG=C.UTF-8", "-e", "XDG_STATE_HOME=\(home)", "-e", "HOME=\(home)", line])
    }

    var pid: pid_t { pid_t(output(["display-message", "-p", "#{pane_pid}"]).trimmingSpacesAndNewlines()) ?? 0 }

    func waitFor(_ text: String, timeout: Duration) -> Bool {
        waitUntil(timeout: timeout) { $0.contains(text) }
    }

    func waitUntil(timeout: Duration, _ predicate: (String) -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if predicate(output(["capture-pane", "-p"])) { return true }
            usleep(2_000)
        }
        return false
    }

    func send(_ key: String) { _ = try? Subprocess.run(["tmux", "-L", server, "send-keys", key], check: false) }

    func close() {
        _ = try? Subprocess.run(["tmux", "-L", server, "kill-server"], check: false)
        try? FileManager.default.removeItem(atPath: home)
    }

    private func output(_ arguments: [String]) -> String { Subprocess.output(["tmux", "-L", server] + arguments) ?? "" }
}
