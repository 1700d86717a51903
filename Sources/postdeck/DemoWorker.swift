import FoundationEssentials
import Glibc
import PostDeckStore

/// The sandbox worker `postdeck demo` runs beside its UI, so that posts scheduled in the
/// demo go out and gather views and likes while you watch. A child process
/// (`postdeck-worker --publisher sandbox`), logging to a file, stopped with the demo on
/// every way out: its standard input is a pipe from the demo, and the worker stops (as on
/// SIGTERM) when that pipe closes, whether `stop()` closes it or the demo dies.
final class DemoWorker {
    let pid: pid_t
    let logPath: String
    /// Our end of the worker's standard input: closing it (or dying) tells the worker to stop.
    private var lifeline: Int32
    private var stopped = false

    /// Starts the worker; nil (after saying why on stderr) when the program is not installed.
    static func start(conninfo: String, seed: Int, logPath: String) -> DemoWorker? {
        do {
            let program = try WorkerProgramLocation.find()
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return nil }
            // Our end must not leak into other children (the UI's $EDITOR): they would keep it open.
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
            defer { close(ends[0]) }
            let pid = try Subprocess.spawn([program, "--db", conninfo, "--publisher", "sandbox", "--random-seed", String(seed),
                                            "--until-stdin-closes"],
                                           input: ends[0], outputPath: logPath, truncate: true)
            return DemoWorker(pid: pid, logPath: logPath, lifeline: ends[1])
        } catch {
            StandardStreams.error("postdeck demo: no sandbox worker (\(error)); scheduled posts will not go out\n")
            return nil
        }
    }

    private init(pid: pid_t, logPath: String, lifeline: Int32) {
        self.pid = pid
        self.logPath = logPath
        self.lifeline = lifeline
    }

    /// Stops the worker (it finishes its calls in flight) and waits for it, killing it after
    /// 10 s. Safe to call twice.
    func stop() {
        guard !stopped else { return }
        stopped = true
        close(lifeline)
        if Subprocess.wait(pid, timeout: .seconds(10)) == nil {
            kill(pid, SIGKILL)
            _ = Subprocess.wait(pid)
        }
    }

    deinit { stop() }
}
