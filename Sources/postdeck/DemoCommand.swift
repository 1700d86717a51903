import ArgumentParser
import FoundationEssentials
import Glibc
import PostDeckApp
import PostDeckStore

/// `postdeck demo`: a private PostgreSQL with demo data, then the UI on it. The server is
/// stopped and its directory removed on every way out: quit, Ctrl-C, SIGTERM, SIGHUP, error.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a private PostgreSQL with demo data and open the UI on it.")

    @Option(help: ArgumentHelp("Keep the cluster in DIR (reused by the next run) instead of a temporary directory.", valueName: "DIR"))
    var keep: String?

    @Option(name: .customLong("db"), help: ArgumentHelp("Use this existing database instead of a private one.", valueName: "CONNINFO"))
    var conninfo: String?

    @Option(help: "Seed for the demo data.")
    var randomSeed: Int = 1

    @Flag(help: "Print the connection string and wait for Ctrl-C instead of opening the UI.")
    var serverOnly = false

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
        let elapsed = ContinuousClock.now - started
        status("")

        if serverOnly || isatty(STDOUT_FILENO) == 0 {
            let milliseconds = elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            print("demo database ready in \(milliseconds) ms")
            print("connect with: psql \"\(target)\"")
            print("press Ctrl-C to stop it")
            // Scripts read the connection string from a pipe or file, where stdout is fully buffered.
            fflush(nil)
            while true {
                let delivered = signals.wait()
                if delivered.contains(where: { [SIGINT, SIGTERM, SIGHUP].contains($0) }) { return }
            }
        }
        do {
            try Application.run(LaunchOptions(conninfo: target, databaseLabel: "demo", signals: signals))
        } catch let error as LaunchError {
            throw UserFacingError(message: error.description, hint: error.hint)
        }
    }

    private func status(_ text: String) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        StandardStreams.error("\r\u{1b}[2K\(text)")
    }

    private func stopIfSignalled(_ signals: SignalPipe) throws {
        if signals.drain().contains(where: { [SIGINT, SIGTERM, SIGHUP].contains($0) }) {
            status("")
            throw ExitStatus(code: 130)
        }
    }
}
