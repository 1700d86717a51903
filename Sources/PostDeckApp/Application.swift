import FoundationEssentials
import Glibc
import Logging
import PostDeckCore
import PostDeckStore
import TerminalUI
import TerminalUINCurses

/// What the command line hands the UI.
public struct LaunchOptions: Sendable {
    public var conninfo: String
    /// Shown in the header instead of the connection's own name (for `demo`).
    public var databaseLabel: String?
    public var signals: SignalPipe
    public var themeName: String?
    public var statementTimeout: Duration
    /// `--tz ZONE`: the display zone when no single client (with a zone of its own) is in scope.
    public var timeZone: String?
    public var environment: [String: String]
    /// The UI's "now" (what is today, what is in the past); tests inject one they control.
    public var clock: any PostDeckCore.Clock
    /// `--read-db`: the panes read here (a standby, say) while writes go to `conninfo`.
    public var readConninfo: String?
    /// `--listen-db`: a direct connection for LISTEN when `conninfo` goes through a
    /// transaction pooler.
    public var listenConninfo: String?
    /// `--read-only`: refuse every write, whatever the role may do.
    public var readOnly: Bool
    /// How often the change check runs where LISTEN cannot be had (and reads from a standby).
    public var checkInterval: Duration

    public init(conninfo: String, databaseLabel: String? = nil, signals: SignalPipe, themeName: String? = nil,
                statementTimeout: Duration = .seconds(15), timeZone: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                readConninfo: String? = nil, listenConninfo: String? = nil, readOnly: Bool = false,
                checkInterval: Duration = .seconds(5), clock: any PostDeckCore.Clock = SystemClock()) {
        self.readConninfo = readConninfo
        self.listenConninfo = listenConninfo
        self.readOnly = readOnly
        self.checkInterval = checkInterval
        self.conninfo = conninfo
        self.databaseLabel = databaseLabel
        self.signals = signals
        self.themeName = themeName
        self.statementTimeout = statementTimeout
        self.timeZone = timeZone
        self.environment = environment
        self.clock = clock
    }
}

/// How the UI ended: the user quit (or the terminal went away), or a signal ended it.
public enum UIEnding: Equatable, Sendable {
    case quit
    /// SIGHUP, SIGTERM or SIGINT: the caller exits with 128 + the signal's number, as a
    /// shell reports a program the signal killed, once it has cleaned up.
    case signal(Int32)
}

/// Why the UI could not start, in one line.
public struct LaunchError: Error, CustomStringConvertible {
    public let description: String
    public let hint: String?
}

/// Opens the terminal and runs the UI until the user quits, a signal ends it, or the
/// terminal goes away. The terminal is restored on every one of those paths, before `run` returns.
public enum Application {
    @discardableResult
    public static func run(_ options: LaunchOptions) throws -> UIEnding {
        let environment = options.environment
        if isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0 || environment["TERM"] == "dumb" || (environment["TERM"] ?? "").isEmpty {
            let reason = environment["TERM"] == "dumb" ? "TERM=dumb cannot show the full-screen UI" : "not a terminal: the UI needs an interactive terminal"
            throw LaunchError(description: reason,
                              hint: "hint: the non-interactive commands work anywhere: postdeck health, postdeck migrate, postdeck seed (see postdeck --help)")
        }
        // Connecting first: the server starts a backend for us while we load the theme and
        // open the terminal, and the first queries go out as soon as the loop runs.
        let connecting = Connecting(options)
        let stateDirectory = SessionStore.stateDirectory(environment: environment)
        FileLogHandler.bootstrap(directory: stateDirectory)
        let logger = Logger(label: "postdeck")

        let loaded = ThemeLoader(environment: environment).load(options.themeName)
        StartupTrace.mark("theme loaded")
        connecting.advance()
        let backend = try openTerminal(theme: loaded.theme, environment: environment)
        StartupTrace.mark("terminal open")
        connecting.advance()
        defer { backend.end() }
        if let problem = loaded.error { logger.warning("theme: \(problem.description)") }
        return run(options, on: backend, connecting: connecting, stateDirectory: stateDirectory,
                   themeProblem: loaded.error?.description, logger: logger)
    }

    /// The primary connection being opened while the rest of start-up goes on, and what it
    /// has reported so far (handed to the runtime).
    final class Connecting {
        let runner: QueryRunner<Message>
        private(set) var events: [QueryRunner<Message>.Event]

        init(_ options: LaunchOptions) {
            runner = QueryRunner(conninfo: options.conninfo, statementTimeout: options.statementTimeout,
                                 greeting: Runtime.greeting(.primary))
            events = runner.start()
        }

        /// Takes the next step if the server has answered; never waits.
        func advance() { events += runner.nudge() }
    }

    /// Runs the UI on a screen of the caller's (the memory backend, for benchmarks and
    /// in-process tests) until it quits, a signal arrives or the screen goes away. Nothing is
    /// read from or written to the real terminal: the log goes to the state directory's
    /// `postdeck.log`, without claiming the process's logging system.
    @discardableResult
    public static func run(_ options: LaunchOptions, on screen: any TerminalScreen) -> UIEnding {
        let stateDirectory = SessionStore.stateDirectory(environment: options.environment)
        let sink = FileLogHandler.Sink(path: stateDirectory + "/postdeck.log")
        let logger = Logger(label: "postdeck") { FileLogHandler(sink: sink, label: $0) }
        return run(options, on: screen, connecting: Connecting(options), stateDirectory: stateDirectory, themeProblem: nil,
                   logger: logger)
    }

    private static func run(_ options: LaunchOptions, on screen: any TerminalScreen, connecting: Connecting, stateDirectory: String,
                            themeProblem: String?, logger: Logger) -> UIEnding {
        let session = SessionStore(directory: stateDirectory)
        var state = AppState(databaseLabel: options.databaseLabel ?? "database", now: options.clock.now())
        state.labelFixed = options.databaseLabel != nil
        state.zoneSettings = ZoneSettings(commandLine: options.timeZone, environmentTZ: options.environment["TZ"])
        state.homeDirectory = options.environment["HOME"]
        state.connections.requestedReadOnly = options.readOnly
        state.connections.separateReads = options.readConninfo != nil
        state.connections.checkInterval = options.checkInterval
        if let saved = session.load() {
            state.pane = saved.pane
            state.scope = saved.scope
        }
        let recovery = RecoveryStore(stateDirectory: stateDirectory)
        state.recoveries = recovery.all()
        let rules = RulesConfig.load(environment: options.environment)
        state.rules = rules.rules
        if let problem = rules.problem {
            logger.warning("rules: \(problem)")
            state.note = StatusNote(text: problem, kind: .error)
        }
        if let themeProblem { state.note = StatusNote(text: themeProblem, kind: .error) }
        let themes = ThemeLoader(environment: options.environment)
        state.themeNames = themes.availableThemes()
        state.themeName = options.themeName ?? ((options.environment["NO_COLOR"] ?? "").isEmpty ? "default" : "mono")
        logger.info("starting UI")
        let targets = Runtime.Targets(primary: options.conninfo, reads: options.readConninfo, listen: options.listenConninfo)
        return Runtime(state: state, backend: screen, signals: options.signals, targets: targets, primary: connecting.runner,
                       connectionEvents: connecting.events, statementTimeout: options.statementTimeout, session: session,
                       recovery: recovery, clock: options.clock, themes: themes, logger: logger).run()
    }

    private static func openTerminal(theme: Theme, environment: [String: String]) throws -> NCursesBackend {
        do {
            return try NCursesBackend(theme: theme, environment: environment)
        } catch {
            throw LaunchError(description: error.description, hint: "hint: postdeck health and the other subcommands need no terminal")
        }
    }
}
