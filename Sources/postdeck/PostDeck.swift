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
                      HealthCommand.self, AgendaCommand.self, PostCommand.self, ImportCommand.self, ExportCommand.self,
                      PerformanceCommand.self, AccessCommand.self, WorkerCommand.self, KeysCommand.self, BenchCommand.self],
        defaultSubcommand: UICommand.self)
}

/// Options shared by every command that talks to a database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Connection string: a postgresql:// URI or key=value pairs (default: DATABASE_URL, then PG* variables).",
        valueName: "CONNINFO"))
    var conninfo: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Cancel a query after this many seconds (0.1 to 86400).", valueName: "SECONDS"))
    var statementTimeout: Double = 15

    /// The range `--statement-timeout` accepts: long enough for a query to run at all, short
    /// enough to be a timeout (a day); NaN and infinities are outside it.
    static let statementTimeoutRange: ClosedRange<Double> = 0.1...86_400

    /// A typed number as `%g` shows it (`-5`, `0.05`, `1e+300`, `nan`), without `String(format:)`.
    static func shown(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(describing: value)
    }

    func validate() throws {
        guard Self.statementTimeoutRange.contains(statementTimeout) else {
            throw ValidationError("--statement-timeout must be a number of seconds from 0.1 to 86400, not \(Self.shown(statementTimeout))")
        }
    }

    /// `--statement-timeout` as a duration (validated, so the conversion cannot fail).
    var timeout: Duration { .milliseconds(Int((statementTimeout * 1000).rounded())) }

    func connect() throws -> Connection {
        let connection = try Connection(conninfo: Connection.conninfo(explicit: conninfo))
        connection.statementTimeout = timeout
        return connection
    }
}

/// Checks a whole-number option against its range, with the sentence a user needs.
func requireRange(_ value: Int, _ range: ClosedRange<Int>, option: String, unit: String = "") throws {
    guard range.contains(value) else {
        let what = unit.isEmpty ? "a whole number" : "a whole number of \(unit)"
        throw ValidationError("\(option) must be \(what) from \(MetricFormat.grouped(range.lowerBound)) to \(MetricFormat.grouped(range.upperBound)), not \(value)")
    }
}

/// Output formats of the non-interactive commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Ends the program with a status other than success, without printing anything more.
struct ExitStatus: Error {
    let code: Int32

    /// The status a shell reports for a program ended by `signal`: 129 for SIGHUP, 143 for SIGTERM.
    static func signalled(_ signal: Int32) -> ExitStatus { ExitStatus(code: 128 + signal) }
}

@main
enum Main {
    static func main() {
        StartupTrace.mark("main")
        do {
            // The worker is a program of its own and parses its own options, --help included.
            if CommandLine.arguments.dropFirst().first == WorkerCommand.configuration.commandName {
                try WorkerCommand.exec(Array(CommandLine.arguments.dropFirst(2)))
            }
            var command = try PostDeck.parseAsRoot()
            StartupTrace.mark("arguments parsed")
            try command.run()
        } catch let status as ExitStatus {
            exit(status.code)
        } catch let error as StoreError {
            Output.error(error.description, hint: error.hint)
        } catch let error as LocalCluster.Failure {
            Output.error(error.description)
        } catch let error as UserFacingError {
            Output.error(error.message, hint: error.hint)
        } catch {
            let code = PostDeck.exitCode(for: error)
            if code == .success || error is CleanExit {
                PostDeck.exit(withError: error) // --help, --version
            }
            if code == .validationFailure || error is ValidationError || code.rawValue == 64 {
                // Usage errors: the parser's sentence and where the options are listed, status 2.
                Output.error(PostDeck.message(for: error) + " (see `\(commandPath()) --help`)", status: 2)
            }
            Output.error(String(describing: error))
        }
    }

    /// `postdeck post draft`: the command the arguments name, for pointing at its help.
    static func commandPath(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> String {
        var path = ["postdeck"]
        var commands = PostDeck.configuration.subcommands
        for argument in arguments {
            guard let next = commands.first(where: { $0.configuration.commandName == argument }) else { continue }
            path.append(argument)
            commands = next.configuration.subcommands
        }
        return path.joined(separator: " ")
    }
}

/// An error of ours with the line the user sees and an optional hint.
struct UserFacingError: Error {
    let message: String
    var hint: String?
}
