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

    func validate() throws {
        if let tz {
            do { _ = try DisplayZone(named: tz) } catch { throw ValidationError(error.description) }
        }
    }

    func run() throws {
        let signals = SignalPipe(signals: [SIGINT, SIGTERM, SIGHUP, SIGCONT])
        do {
            try Application.run(LaunchOptions(
                conninfo: Connection.conninfo(explicit: database.conninfo), signals: signals, themeName: theme,
                statementTimeout: .milliseconds(Int(database.statementTimeout * 1000)), timeZone: tz))
        } catch let error as LaunchError {
            throw UserFacingError(message: error.description, hint: error.hint)
        }
    }
}
