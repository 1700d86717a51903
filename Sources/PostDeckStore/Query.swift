/// One parameterized statement and how to turn its result into a value. The same value
/// is run by a command that waits (`Connection.run`) and by the UI's non-blocking runner,
/// so both read exactly the same SQL.
///
/// A statement is atomic on its own, so writes that belong together are written as one
/// statement with data-modifying CTEs rather than as a transaction of several round trips.
public struct Query<Value>: Sendable {
    public let sql: String
    public let parameters: [(any SQLParameter)?]
    public let decode: @Sendable (QueryResult) throws -> Value

    public init(_ sql: String, _ parameters: [(any SQLParameter)?] = [], decode: @escaping @Sendable (QueryResult) throws -> Value) {
        self.sql = sql
        self.parameters = parameters
        self.decode = decode
    }

    /// The same statement, its value turned into something else (a UI message, say).
    public func map<Other>(_ transform: @escaping @Sendable (Value) -> Other) -> Query<Other> {
        let decode = self.decode
        return Query<Other>(sql, parameters) { transform(try decode($0)) }
    }
}

extension Connection {
    /// Runs a query and waits for its value.
    public func run<Value>(_ query: Query<Value>, timeout: Duration? = nil) throws -> Value {
        try query.decode(execute(query.sql, query.parameters, timeout: timeout))
    }
}
