import ArgumentParser
import FoundationEssentials
import Glibc
import PostDeckApp
import PostDeckCore
import PostDeckStore

/// `postdeck demo`: a private PostgreSQL with demo data, a sandbox worker that publishes the
/// posts as they fall due, then the UI on it. The worker and the server are stopped (in that
/// order) and the server's directory removed on every way out: quit, Ctrl-C, SIGTERM, SIGHUP, error.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a private PostgreSQL with demo data and open the UI on it.")

    @Option(help: ArgumentHelp("Keep the cluster in DIR (reused by the next run) instead of a temporary directory.", valueName: "DIR"))
    var keep: String?

    @Option(name: .customLong("db"), help: ArgumentHelp("Use this existing database instead of a private one.", valueName: "CONNINFO"))
    var conninfo: String?

    @Option(parsing: .unconditional, help: "Seed for the demo data.")
    var randomSeed: Int = 1

    @Flag(help: "Print the connection string and wait for Ctrl-C instead of opening the UI.")
    var serverOnly = false

    func validate() throws {
        if let keep {
            var info = stat()
            if stat(keep, &info) == 0, !FilePaths.isDirectory(keep) {
                throw ValidationError("--keep \(keep) is a file; give a folder for the cluster (one that does not exist yet is created)")
            }
        }
    }

    func run() throws {
        let signals = SignalPipe(signals: [SIGINT, SIGTERM, SIGHUP, SIGCONT])
        let started = ContinuousClock.now
        var cluster: LocalCluster?
        defer { cluster?.stop() }

        let target: String
        if let conninfo {
            target = conninfo
        } else {
            status("starting a private PostgreSQL…")
            cluster = try LocalCluster.start(keepAt: keep)
            target = cluster!.conninfo(database: "postgres")
        }
        try stopIfSignalled(signals)

        let connection = try Connection(conninfo: target)
        try Migrator.migrate(connection) { _ in }
        try stopIfSignalled(signals)
        if try connection.execute("SELECT EXISTS (SELECT 1 FROM posts) AS seeded").first?.decode("seeded", as: Bool.self) == false {
            status("adding demo data…")
            _ = try DemoData.seed(on: connection, options: .init(randomSeed: randomSeed, now: Date(), scale: nil, force: false, progress: nil))
        }
        try stopIfSignalled(signals)
        // Declared after the cluster, so that it is stopped first (defers run in reverse).
        let worker = DemoWorker.start(conninfo: target, seed: randomSeed, logPath: Self.workerLogPath())
        defer { worker?.stop() }
        let elapsed = ContinuousClock.now - started
        status("")

        if serverOnly || isatty(STDOUT_FILENO) == 0 {
            let milliseconds = elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            // Written at once (Output writes unbuffered): a script reading a pipe or file gets it while the server runs.
            Output.result("demo database ready in \(milliseconds) ms\n"
                          + "connect with: psql \"\(target)\"\n"
                          + (worker.map { "a sandbox worker publishes due posts (log: \($0.logPath))\n" } ?? "")
                          + "press Ctrl-C to stop it\n")
            while true {
                // The server is stopped (defer) before the exit status says which signal ended us.
                if let number = signals.wait().first(where: { [SIGINT, SIGTERM, SIGHUP].contains($0) }) {
                    throw ExitStatus.signalled(number)
                }
            }
        }
        let ending: UIEnding
        do {
            ending = try Application.run(LaunchOptions(conninfo: target, databaseLabel: "demo", signals: signals))
        } catch let error as LaunchError {
            throw UserFacingError(message: error.description, hint: error.hint)
        }
        if case .signal(let number) = ending { throw ExitStatus.signalled(number) }
    }

    /// `$XDG_STATE_HOME/postdeck/demo-worker.log`, beside the UI's log; rewritten by each run.
    private static func workerLogPath() -> String {
        let directory = UserPaths.stateDirectory(environment: ProcessInfo.processInfo.environment)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/demo-worker.log"
    }

    private func status(_ text: String) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        StandardStreams.error("\r\u{1b}[2K\(text)")
    }

    private func stopIfSignalled(_ signals: SignalPipe) throws {
        if let number = signals.drain().first(where: { [SIGINT, SIGTERM, SIGHUP].contains($0) }) {
            status("")
            throw ExitStatus.signalled(number)
        }
    }
}
