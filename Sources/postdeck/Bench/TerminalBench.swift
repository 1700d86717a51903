import FoundationEssentials
import Glibc
import PostDeckApp
import PostDeckCore
import PostDeckStore

/// The release binary as a user runs it: in a real terminal (tmux), and as one-shot commands.
struct TerminalBench {
    struct Figures {
        /// From the moment before `exec` to the first frame with data, as the binary's own
        /// start-up trace marks it.
        var firstFrame = Measurement("first frame in tmux")
        /// Each mark of the trace, from the moment before `exec`, over the starts.
        var profile: [(label: String, measurement: Measurement)] = []
        var residentKilobytesAtFirstFrame = 0
        var residentKilobytesAfterAllPanes = 0
        var idleSeconds = 0
        var idleCPUTicks = 0
        var idleWakeups = 0
    }

    let conninfo: String
    let idleSeconds: Int
    static let starts = 7

    static var binary: String { SelfExecutable.path ?? CommandLine.arguments[0] }

    func run() throws -> Figures {
        var figures = Figures()
        figures.idleSeconds = idleSeconds
        for attempt in 0..<Self.starts {
            let session = try Tmux(command: [Self.binary, "--db", conninfo], width: 120, height: 40)
            defer { session.close() }
            let marks = try session.waitForTrace(timeout: .seconds(30))
            guard let done = marks.last, done.label == "first frame with data" else {
                throw StoreError.invalid("the UI did not show data in tmux")
            }
            figures.firstFrame.samples.append(done.sinceExec)
            for mark in marks {
                if let index = figures.profile.firstIndex(where: { $0.label == mark.label }) {
                    figures.profile[index].measurement.samples.append(mark.sinceExec)
                } else {
                    var measurement = Measurement(mark.label)
                    measurement.samples.append(mark.sinceExec)
                    figures.profile.append((mark.label, measurement))
                }
            }
            guard attempt == 0 else { continue }
            let pid = session.pid
            figures.residentKilobytesAtFirstFrame = ProcessSample(pid: pid)?.residentKilobytes ?? 0
            // Visit every pane (leaving the composer with Esc), each until its data is on screen.
            for key in ["1", "2", "Escape", "4", "3"] {
                session.send(key)
                _ = session.waitUntil(timeout: .seconds(30)) { !$0.contains("loading") }
            }
            // Idle means nothing left to do: wait (up to a minute) until the process has used
            // no CPU for two seconds in a row, then watch it.
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

    /// `postdeck health --client` against the psql binary running the same query, as cron would.
    static func oneShot(conninfo: String, runs: Int, client: ClientID) throws -> (postdeck: Measurement, psql: Measurement) {
        var ours = Measurement("postdeck health")
        var psql = Measurement("psql")
        let command = PsqlBinary.command(conninfo: conninfo, query: HealthQueries.accounts(in: .client(client)))
        for _ in 0..<runs {
            try ours.time { try Subprocess.run([binary, "health", "--db", conninfo, "--client", client.description, "--format", "csv"], check: false) }
            try psql.time { try Subprocess.run(command, check: false) }
        }
        return (ours, psql)
    }
}

/// Where this executable is (for running it again in tmux).
enum SelfExecutable {
    static var path: String? { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") }
}

/// A detached tmux session of its own running one command, which writes its start-up trace.
final class Tmux {
    let server = "postdeck-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    private let home: String

    init(command: [String], width: Int, height: Int) throws {
        home = FilePaths.temporaryDirectory() + server
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        // The shell stamps the time just before it replaces itself with the program.
        let line = "date +%s%N > \(home)/exec && exec " + command.map { "'" + $0.replacing("'", with: "'\\''") + "'" }.joined(separator: " ")
        try Subprocess.run(["tmux", "-L", server, "-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height),
                            "-e", "LANG=C.UTF-8", "-e", "XDG_STATE_HOME=\(home)", "-e", "HOME=\(home)",
                            "-e", "POSTDECK_STARTUP_TRACE=\(home)/trace", line])
    }

    var pid: pid_t { pid_t(output(["display-message", "-p", "#{pane_pid}"]).trimmingSpacesAndNewlines()) ?? 0 }

    /// The start-up marks, each as the time since the stamp before `exec`, once written.
    func waitForTrace(timeout: Duration) throws -> [(label: String, sinceExec: Duration)] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let trace = try? String(contentsOfFile: home + "/trace", encoding: .utf8),
               let stamp = (try? String(contentsOfFile: home + "/exec", encoding: .utf8)).flatMap({ Int64($0.trimmingSpacesAndNewlines()) }) {
                return trace.split(separator: "\n").compactMap { line in
                    let fields = line.split(separator: "\t")
                    guard fields.count == 2, let at = Int64(fields[1]) else { return nil }
                    return (String(fields[0]), .nanoseconds(at - stamp))
                }
            }
            usleep(2_000)
        }
        return []
    }

    func waitUntil(timeout: Duration, _ predicate: (String) -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if predicate(output(["capture-pane", "-p"])) { return true }
            usleep(20_000)
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
