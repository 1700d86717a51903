import ArgumentParser
import FoundationEssentials
import Glibc
import PostDeckApp
import PostDeckStore
import PostDeckCore

/// The `postdeck` command: with no subcommand it opens the terminal UI.
struct PostDeck: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "postdeck",
        abstract: "A keyboard-driven terminal client for a social-media agency's PostgreSQL database.",
        discussion: """
            With no subcommand, postdeck opens the full-screen UI on the database named by \
            --db, DATABASE_URL or libpq's PG* variables. `postdeck demo` starts a private \
            database with demo data and opens the UI on it.
            """,
        version: version,
        subcommands: [UICommand.self, DemoCommand.self, MigrateCommand.self, SeedCommand.self,
                      HealthCommand.self, AgendaCommand.self, PostCommand.self, PerformanceCommand.self,
                      KeysCommand.self, BenchCommand.self],
        defaultSubcommand: UICommand.self)
}

/// Options shared by every command that talks to a database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Connection string: a postgresql:// URI or key=value pairs (default: DATABASE_URL, then PG* variables).",
        valueName: "CONNINFO"))
    var conninfo: String?

    @Option(help: ArgumentHelp("Cancel a query after this many seconds.", valueName: "SECONDS"))
    var statementTimeout: Double = 15

    func connect() throws -> Connection {
        let connection = try Connection(conninfo: Connection.conninfo(explicit: conninfo))
        connection.statementTimeout = .milliseconds(Int(statementTimeout * 1000))
        return connection
    }
}

/// Output formats of the non-interactive commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Ends the program with a status other than success, without printing anything more.
struct ExitStatus: Error {
    let code: Int32
}

@main
enum Main {
    static func main() {
        StartupTrace.mark("main")
        do {
            var command = try PostDeck.parseAsRoot()
            StartupTrace.mark("arguments parsed")
            try command.run()
        } catch let status as ExitStatus {
            exit(status.code)
        } catch let error as StoreError {
            fail(error.description, hint: error.hint)
        } catch let error as LocalCluster.Failure {
            fail(error.description)
        } catch let error as UserFacingError {
            fail(error.message, hint: error.hint)
        } catch {
            let code = PostDeck.exitCode(for: error)
            if code == .success || error is CleanExit {
                PostDeck.exit(withError: error)
            }
            if code == .validationFailure || error is ValidationError || isParseError(code) {
                // Usage errors: argument-parser's message and usage, status 2.
                StandardStreams.error(PostDeck.fullMessage(for: error) + "\n")
                exit(2)
            }
            fail(String(describing: error))
        }
    }

    private static func isParseError(_ code: ExitCode) -> Bool { code.rawValue == 64 }

    static func fail(_ message: String, hint: String? = nil) -> Never {
        var text = "postdeck: \(message.replacingLineBreaks())\n"
        if let hint { text += "\(hint)\n" }
        StandardStreams.error(text)
        exit(1)
    }
}

/// An error of ours with the line the user sees and an optional hint.
struct UserFacingError: Error {
    let message: String
    var hint: String?
}
