/// One parameterized statement and how to turn its result into a value. The same value
/// is run by a command that waits (`Connection.run`) and by the UI's non-blocking runner,
/// so both read exactly the same SQL.
///
/// A statement is atomic on its own, so writes that belong together are written as one
/// statement with data-modifying CTEs rather than as a transaction of several round trips.
public struct Query<Value>: Sendable {
    public let sql: String
    public let parameters: [(any SQLParameter)?]
    /// Settings in force for this statement only (see `LocalSetting`).
    public let localSettings: [LocalSetting]
    public let decode: @Sendable (QueryResult) throws -> Value
    /// True when the statement must run on the primary: it changes data (`INSERT`, `UPDATE`
    /// or `DELETE` anywhere in it, data-modifying CTEs included) or sends a notification.
    /// The UI runs these on `--db` and every other statement on `--read-db` when one is given.
    public let needsPrimary: Bool

    /// `needsPrimary` nil reads the statement's words to decide.
    public init(_ sql: String, _ parameters: [(any SQLParameter)?] = [], localSettings: [LocalSetting] = [],
                needsPrimary: Bool? = nil,
                decode: @escaping @Sendable (QueryResult) throws -> Value) {
        self.sql = sql
        self.parameters = parameters
        self.localSettings = localSettings
        self.decode = decode
        self.needsPrimary = needsPrimary ?? Self.writes(sql)
    }

    /// The same statement, its value turned into something else (a UI message, say).
    public func map<Other>(_ transform: @escaping @Sendable (Value) -> Other) -> Query<Other> {
        let decode = self.decode
        return Query<Other>(sql, parameters, localSettings: localSettings, needsPrimary: needsPrimary) { transform(try decode($0)) }
    }

    /// Whether `sql` has a word that only a statement for the primary has (any case; quoted
    /// text counts too, which at worst sends a read to the primary).
    static func writes(_ sql: String) -> Bool {
        let words = sql.split { !($0.isLetter || $0.isNumber || $0 == "_") }
        return words.contains { ["insert", "update", "delete", "pg_notify", "notify"].contains($0.lowercased()) }
    }
}

/// A server setting for one statement. The connection sends `set_config(name, value, true)`
/// and the statement together in one pipeline, which the server runs as one implicit
/// transaction: the setting ends with it, so nothing stays behind in the session and a
/// pooler in transaction mode (PgBouncer) may hand the next statement to another one.
public struct LocalSetting: Sendable, Hashable {
    public let name: String
    public let value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// The panes' reads are index lookups that finish in milliseconds, but over a million
    /// posts the planner's cost estimates pass `jit_above_cost`, and compiling the plan
    /// then takes longer than running it (tens to hundreds of milliseconds).
    public static let noJIT = LocalSetting("jit", "off")
}

extension Connection {
    /// Runs a query and waits for its value.
    public func run<Value>(_ query: Query<Value>, timeout: Duration? = nil) throws -> Value {
        try query.decode(execute(query.sql, query.parameters, localSettings: query.localSettings, timeout: timeout))
    }
}
