import FoundationEssentials
import PostDeckCore

/// Everything that can go wrong between postdeck and Postgres, each with the one line a
/// user sees. Passwords never appear: libpq does not put them in its messages, and we
/// never print a connection string back.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server could not be reached (or is not ready): trying again later may work.
    case cannotConnect(String)
    /// The server turned the login down: a wrong or missing password, an unknown role or
    /// database, no `pg_hba.conf` entry. Trying again cannot help until the settings change
    /// (and would lock accounts on servers that count failed logins).
    case loginRefused(String)
    /// The server answered a statement with an error.
    case server(ServerError)
    /// The connection broke while a statement ran (server restart, network drop).
    case connectionLost(String)
    /// A column held something other than what the code expected.
    case decoding(column: String, expected: String, found: String)
    /// The statement ran longer than its timeout and was cancelled.
    case timedOut(seconds: Double)
    /// The statement was cancelled on request.
    case cancelled
    /// A rule of ours was broken (bad argument, missing migration, ...).
    case invalid(String)

    public var description: String {
        switch self {
        case .cannotConnect(let message): "cannot connect to database: \(message)"
        case .loginRefused(let reason): "the database refused the login: \(reason)"
        case .server(let error) where error.sqlState == "25006":
            "the database only allows reading here (read-only transaction, SQLSTATE 25006): nothing was written; "
                + "connect as a role that may write, to the primary server rather than a standby"
        case .server(let error): error.description
        case .connectionLost(let message): "lost the database connection: \(message)"
        case .decoding(let column, let expected, let found): "column \(column): expected \(expected), found \(found)"
        case .timedOut(let seconds): "query cancelled after \(Self.format(seconds)) s (statement timeout)"
        case .cancelled: "query cancelled"
        case .invalid(let message): message
        }
    }

    /// A second line worth showing under the error, if any.
    public var hint: String? {
        switch self {
        case .cannotConnect:
            "hint: pass a connection string with --db (a postgresql:// URI or key=value pairs) or set DATABASE_URL; `postdeck demo` starts a private database"
        case .loginRefused:
            "hint: check the user, password and database name in --db, DATABASE_URL, the PG* variables or ~/.pgpass"
        case .server(let error) where error.sqlState == "25006": nil
        case .server(let error): error.hint.map { "hint: \($0)" }
        case .connectionLost: "hint: postdeck reconnects on its own in the UI; re-run the command once the server is back"
        default: nil
        }
    }

    /// True when retrying on a new connection may succeed.
    public var isConnectionProblem: Bool {
        switch self {
        case .cannotConnect, .loginRefused, .connectionLost: true
        case .server(let error): error.sqlState.hasPrefix("08") || error.sqlState == "57P01" || error.sqlState == "57P03"
        default: false
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : MetricFormat.fixed(seconds, places: 1)
    }
}

/// An error reported by the server, with the fields libpq gives us.
public struct ServerError: Equatable, Sendable, CustomStringConvertible {
    public let sqlState: String
    public let severity: String
    public let message: String
    public let detail: String?
    public let hint: String?

    public init(sqlState: String, severity: String = "ERROR", message: String, detail: String? = nil, hint: String? = nil) {
        self.sqlState = sqlState
        self.severity = severity
        self.message = message
        self.detail = detail
        self.hint = hint
    }

    /// The server's message with its SQLSTATE, except for refusals a user meets in normal
    /// use (a read-only session, a missing privilege, a row-level security policy), where
    /// the message alone says it.
    public var description: String {
        var line: String
        switch sqlState {
        case "25006": line = "read-only: \(message)"
        case "42501": line = message
        default: line = "\(message) (SQLSTATE \(sqlState))"
        }
        if let detail { line += ": \(detail)" }
        return line.replacingLineBreaks()
    }

    /// `unique_violation`, `foreign_key_violation`, ...: the ones the code reacts to by name.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    public var isSerializationFailure: Bool { sqlState == "40001" || sqlState == "40P01" }
}
