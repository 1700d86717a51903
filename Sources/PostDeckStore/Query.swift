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

    public init(_ sql: String, _ parameters: [(any SQLParameter)?] = [], localSettings: [LocalSetting] = [],
                decode: @escaping @Sendable (QueryResult) throws -> Value) {
        self.sql = sql
        self.parameters = parameters
        self.localSettings = localSettings
        self.decode = decode
    }

    /// The same statement, its value turned into something else (a UI message, say).
    public func map<Other>(_ transform: @escaping @Sendable (Value) -> Other) -> Query<Other> {
        let decode = self.decode
        return Query<Other>(sql, parameters, localSettings: localSettings) { transform(try decode($0)) }
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
