import ArgumentParser
import FoundationEssentials
import Glibc
import PostDeckApp
import PostDeckCore
import PostDeckStore

/// `postdeck` (or `postdeck ui`): the full-screen terminal UI.
struct UICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the full-screen terminal UI (the default).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Colour theme: a shipped or user theme name, or a path to a .toml file.", valueName: "NAME|PATH"))
    var theme: String?

    @Option(help: ArgumentHelp("Time zone for the calendar when no single client is in scope (an IANA name; default TZ, then UTC).",
                               valueName: "ZONE"))
    var tz: String?

    @Option(name: .customLong("read-db"), help: ArgumentHelp(
        "Read the panes from this database (a hot standby, say); writes still go to --db.", valueName: "CONNINFO"))
    var readDB: String?

    @Option(name: .customLong("listen-db"), help: ArgumentHelp(
        "A direct connection for live refresh (LISTEN) when --db goes through a transaction pooler such as PgBouncer.",
        valueName: "CONNINFO"))
    var listenDB: String?

    @Flag(help: "Change nothing: every write key explains itself instead (the header shows [R]).")
    var readOnly = false

    @Option(help: ArgumentHelp("Seconds between change checks where LISTEN cannot be had, and between lag checks of --read-db.",
                               valueName: "SECONDS"))
    var checkInterval: Double = 5

    func validate() throws {
        if let tz {
            do { _ = try DisplayZone(named: tz) } catch { throw ValidationError(error.description) }
        }
        if !(0.1...3_600).contains(checkInterval) {
            throw ValidationError("--check-interval must be a number of seconds from 0.1 to 3600")
        }
    }

    func run() throws {
        let signals = SignalPipe(signals: [SIGINT, SIGTERM, SIGHUP, SIGCONT])
        let ending: UIEnding
        do {
            ending = try Application.run(LaunchOptions(
                conninfo: Connection.conninfo(explicit: database.conninfo), signals: signals, themeName: theme,
                statementTimeout: database.timeout, timeZone: tz,
                readConninfo: readDB, listenConninfo: listenDB, readOnly: readOnly,
                checkInterval: .milliseconds(Int((checkInterval * 1000).rounded()))))
        } catch let error as LaunchError {
            throw UserFacingError(message: error.description, hint: error.hint)
        }
        // The terminal is restored by now; end as the signal would have.
        if case .signal(let number) = ending { throw ExitStatus.signalled(number) }
    }
}
