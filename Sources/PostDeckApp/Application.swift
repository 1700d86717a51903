import FoundationEssentials
import Glibc
import Logging
import PostDeckCore
import PostDeckStore
import TerminalUI

/// What the command line hands the UI.
public struct LaunchOptions {
    public var conninfo: String
    /// Shown in the header instead of the connection's own name (for `demo`).
    public var databaseLabel: String?
    public var signals: SignalPipe
    public var themeName: String?
    public var statementTimeout: Duration
    /// `--tz ZONE`: the display zone when no single client (with a zone of its own) is in scope.
    public var timeZone: String?
    public var environment: [String: String]

    public init(conninfo: String, databaseLabel: String? = nil, signals: SignalPipe, themeName: String? = nil,
                statementTimeout: Duration = .seconds(15), timeZone: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.conninfo = conninfo
        self.databaseLabel = databaseLabel
        self.signals = signals
        self.themeName = themeName
        self.statementTimeout = statementTimeout
        self.timeZone = timeZone
        self.environment = environment
    }
}

/// Why the UI could not start, in one line.
public struct LaunchError: Error, CustomStringConvertible {
    public let description: String
    public let hint: String?
}

/// Opens the terminal and runs the UI until the user quits, a signal ends it, or the
/// terminal goes away. The terminal is restored on every one of those paths.
public enum Application {
    public static func run(_ options: LaunchOptions) throws {
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
        run(options, on: backend, connecting: connecting, stateDirectory: stateDirectory, themeProblem: loaded.error?.description,
            logger: logger)
    }

    /// The query connection being opened while the rest of start-up goes on, and what it has
    /// reported so far (handed to the runtime).
    final class Connecting {
        let runner: QueryRunner<Message>
        private(set) var events: [QueryRunner<Message>.Event]

        init(_ options: LaunchOptions) {
            runner = QueryRunner(conninfo: options.conninfo, statementTimeout: options.statementTimeout)
            events = runner.start()
        }

        /// Takes the next step if the server has answered; never waits.
        func advance() { events += runner.nudge() }
    }

    /// Runs the UI on a screen of the caller's (the memory backend, for benchmarks) until
    /// it quits or a signal arrives. Nothing is read from or written to the real terminal.
    public static func run(_ options: LaunchOptions, on screen: any TerminalScreen) {
        let stateDirectory = SessionStore.stateDirectory(environment: options.environment)
        run(options, on: screen, connecting: Connecting(options), stateDirectory: stateDirectory, themeProblem: nil,
            logger: Logger(label: "postdeck"))
    }

    private static func run(_ options: LaunchOptions, on screen: any TerminalScreen, connecting: Connecting, stateDirectory: String,
                            themeProblem: String?, logger: Logger) {
        let session = SessionStore(directory: stateDirectory)
        var state = AppState(databaseLabel: options.databaseLabel ?? "database", now: Date())
        state.labelFixed = options.databaseLabel != nil
        state.zoneSettings = ZoneSettings(commandLine: options.timeZone, environmentTZ: options.environment["TZ"])
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
        logger.info("starting UI")
        Runtime(state: state, backend: screen, signals: options.signals, conninfo: options.conninfo, runner: connecting.runner,
                connectionEvents: connecting.events, session: session, recovery: recovery, logger: logger).run()
    }

    private static func openTerminal(theme: Theme, environment: [String: String]) throws -> NCursesBackend {
        do {
            return try NCursesBackend(theme: theme, environment: environment)
        } catch {
            throw LaunchError(description: error.description, hint: "hint: postdeck health and the other subcommands need no terminal")
        }
    }
}
