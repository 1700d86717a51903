import ArgumentParser
import Foundation
import PostDeckApp
import PostDeckStore

/// `postdeck` (or `postdeck ui`): the full-screen terminal UI.
struct UICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the full-screen terminal UI (the default).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Colour theme: a shipped or user theme name, or a path to a .toml file.", valueName: "NAME|PATH"))
    var theme: String?

    func run() throws {
        let signals = SignalPipe(signals: [SIGINT, SIGTERM, SIGHUP, SIGCONT])
        do {
            try Application.run(LaunchOptions(
                conninfo: Connection.conninfo(explicit: database.conninfo), signals: signals, themeName: theme,
                statementTimeout: .milliseconds(Int(database.statementTimeout * 1000))))
        } catch let error as LaunchError {
            throw UserFacingError(message: error.description, hint: error.hint)
        }
    }
}
