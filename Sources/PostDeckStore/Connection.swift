import CLibPQ
import FoundationEssentials
import Glibc
import PostDeckCore

/// One libpq connection. Every statement is sent asynchronously (`PQsendQueryParams`) and
/// awaited with `poll()` on the connection's socket, so the same code serves a command
/// that waits for its answer, a UI loop that must never block, a client-side timeout and
/// a cancel. The connection keeps no session state between statements (no `SET`, no named
/// prepared statements), so it also works through PgBouncer in transaction mode.
///
/// Not thread-safe: one owner at a time, like the libpq handle it wraps.
public final class Connection {
    private let handle: OpaquePointer
    /// Where this connection went (the host libpq chose, for a multi-host conninfo), never
    /// the password: safe for headers and logs.
    public let label: ConnectionLabel
    /// `user@host:port/database`.
    public var displayName: String { label.description }
    /// The timeout applied to statements that name none; nil waits forever.
    public var statementTimeout: Duration?
    private var pendingTimeoutCancel = false
    /// While a statement sent with local settings runs: which of the pipeline's statements
    /// is the caller's, which one the results being read belong to, and what was read so far.
    private var pipeline: (target: Int, current: Int, result: QueryResult?, failure: StoreError?)?

    /// Where to connect: `--db` if given, else `DATABASE_URL`, else libpq's own defaults
    /// (`PG*` variables, `~/.pgpass`, `pg_service.conf`), which the empty string selects.
    public static func conninfo(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let url = environment["DATABASE_URL"], !url.isEmpty { return url }
        return ""
    }

    /// Connects, waiting at most `connectTimeout` seconds (libpq's `connect_timeout`, which
    /// the conninfo may override).
    public init(conninfo: String, applicationName: String = "postdeck", connectTimeout: Int = 10) throws {
        // The conninfo (expanded from `dbname`) comes last so that its own settings win.
        let keywords = ["fallback_application_name", "connect_timeout", "dbname"]
        let values = [applicationName, String(connectTimeout), conninfo]
        let connection = keywords.withCStringArray { keys in
            values.withCStringArray { vals in PQconnectdbParams(keys, vals, 1) }
        }
        guard let connection else { throw StoreError.cannotConnect("out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let error = LoginFailure.error(for: connection)
            PQfinish(connection)
            throw error
        }
        handle = connection
        label = Self.describe(connection)
        Self.configure(connection)
    }

    /// Takes over a handle that `PendingConnection` finished opening.
    init(adopting connection: OpaquePointer) {
        handle = connection
        label = Self.describe(connection)
        Self.configure(connection)
    }

    private static func configure(_ connection: OpaquePointer) {
        // A non-blocking socket lets `send` return at once even for large parameters.
        PQsetnonblocking(connection, 1)
        // libpq prints NOTICEs to stderr by default: under the UI that would scribble over the
        // screen, and in commands it is noise ("relation ... already exists, skipping").
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// The socket to `poll()` for readability while a statement runs or notifications wait.
    public var socket: Int32 { PQsocket(handle) }

    /// False once the server has gone away; the owner then opens a new connection.
    public var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The server's version number, for example 150018.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    // MARK: Waiting statements

    /// Runs one parameterized statement and waits for its rows, cancelling it if it runs
    /// longer than `timeout` (or the connection's `statementTimeout`).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any SQLParameter)?] = [], localSettings: [LocalSetting] = [],
                        timeout: Duration? = nil) throws -> QueryResult {
        try send(sql, parameters, localSettings: localSettings)
        return try wait(timeout: timeout ?? statementTimeout)
    }

    /// Runs a script of several statements separated by semicolons, without parameters
    /// (migrations, demo data). Stops at the first error.
    public func executeScript(_ sql: String, timeout: Duration? = nil) throws {
        try ensureIdle()
        guard sql.withCString({ PQsendQuery(handle, $0) }) == 1 else { throw lostOrFailed() }
        try flush()
        _ = try wait(timeout: timeout)
    }

    /// Runs `body` inside `BEGIN` … `COMMIT`, rolling back if it throws.
    public func transaction<T>(_ body: (Connection) throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body(self)
            try execute("COMMIT")
            return value
        } catch {
            if isHealthy { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    // MARK: Non-blocking statements

    /// Sends a statement and returns at once; call `receive()` whenever `socket` is readable.
    ///
    /// With `localSettings`, the settings and the statement go out together in libpq's
    /// pipeline mode, one round trip, and run in one implicit transaction that ends at the
    /// pipeline's sync: the settings apply to this statement and are gone after it.
    public func send(_ sql: String, _ parameters: [(any SQLParameter)?] = [], localSettings: [LocalSetting] = []) throws {
        try ensureIdle()
        pendingTimeoutCancel = false
        guard !localSettings.isEmpty else {
            try sendParameterized(sql, parameters)
            try flush()
            return
        }
        guard PQenterPipelineMode(handle) == 1 else { throw lostOrFailed() }
        pipeline = (target: localSettings.count, current: 0, result: nil, failure: nil)
        do {
            for setting in localSettings {
                try sendParameterized("SELECT set_config($1, $2, true)", [setting.name, setting.value])
            }
            try sendParameterized(sql, parameters)
            guard PQpipelineSync(handle) == 1 else { throw lostOrFailed() }
            try flush()
        } catch {
            // Whatever was queued is ended with a sync, so that draining it cannot wait forever.
            _ = PQpipelineSync(handle)
            _ = try? flush()
            abandonPipeline()
            throw error
        }
    }

    /// Sends a script of statements without parameters (`LISTEN a; LISTEN b`) and returns at
    /// once; call `receive()` whenever `socket` is readable.
    public func sendScript(_ sql: String) throws {
        try ensureIdle()
        pendingTimeoutCancel = false
        guard sql.withCString({ PQsendQuery(handle, $0) }) == 1 else { throw lostOrFailed() }
        try flush()
    }

    /// Reads what has arrived. Returns the result once the statement is complete, nil while
    /// it is still running. Never blocks.
    public func receive() throws -> QueryResult? {
        guard PQconsumeInput(handle) == 1 else { throw lostOrFailed() }
        if pipeline != nil { return try receivePipelined() }
        if PQisBusy(handle) == 1 { return nil }
        return try collectResults()
    }

    /// Asks the server to cancel the running statement; its `receive()` then throws `.cancelled`.
    public func cancel() {
        cancelToken().cancel()
    }

    /// A token that may cancel the running statement from another thread.
    public func cancelToken() -> CancelToken { CancelToken(PQgetCancel(handle)) }

    /// Notifications that arrived with the last `receive()`, `execute` or `consumeNotifications()`.
    public func notifications() -> [Notification] {
        var result: [Notification] = []
        while let notify = PQnotifies(handle) {
            let channel = String(cString: notify.pointee.relname)
            let payload = String(cString: notify.pointee.extra)
            result.append(Notification(channel: channel, payload: payload, senderPID: Int(notify.pointee.be_pid)))
            PQfreemem(notify)
        }
        return result
    }

    /// Reads waiting input without a statement running (for a LISTEN connection).
    public func consumeNotifications() throws -> [Notification] {
        guard PQconsumeInput(handle) == 1 else { throw lostOrFailed() }
        return notifications()
    }

    // MARK: Internals

    private func wait(timeout: Duration?) throws -> QueryResult {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while true {
            if let result = try receive() { return result }
            var milliseconds: Int32 = -1
            if let deadline, !pendingTimeoutCancel {
                let left = deadline - ContinuousClock.now
                if left <= .zero {
                    pendingTimeoutCancel = true
                    cancel()
                    continue
                }
                milliseconds = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = Glibc.poll(&descriptor, 1, milliseconds)
            if ready < 0 && errno != EINTR { throw StoreError.connectionLost(String(cString: strerror(errno))) }
        }
    }

    private func sendParameterized(_ sql: String, _ parameters: [(any SQLParameter)?]) throws {
        let texts = parameters.map { $0?.sqlText }
        let sent = withOptionalCStrings(texts) { values in
            PQsendQueryParams(handle, sql, Int32(texts.count), nil, values, nil, nil, 1)
        }
        guard sent == 1 else { throw lostOrFailed() }
    }

    /// Reads a pipeline's results as far as they have arrived: each statement's results end
    /// with a nil, and the sync ends the pipeline. Keeps the caller's statement's result
    /// and the first failure (the statements after a failure come back aborted).
    private func receivePipelined() throws -> QueryResult? {
        while var state = pipeline {
            if PQisBusy(handle) == 1 { return nil }
            guard let result = PQgetResult(handle) else {
                state.current += 1
                pipeline = state
                continue
            }
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_PIPELINE_SYNC:
                pipeline = nil
                PQexitPipelineMode(handle)
                if let failure = state.failure { throw failure }
                return state.result ?? QueryResult(columns: [], rows: [], rowsAffected: 0)
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
                if state.current == state.target { state.result = Self.decode(result) }
            case PGRES_PIPELINE_ABORTED:
                break
            default:
                if state.failure == nil { state.failure = error(from: result) }
            }
            pipeline = state
        }
        return nil
    }

    /// Reads and drops whatever is left of a pipeline, up to its sync (waiting for it), and
    /// leaves pipeline mode.
    private func abandonPipeline() {
        guard pipeline != nil else { return }
        pipeline = nil
        var nils = 0
        while isHealthy, nils < 2 {
            guard let result = PQgetResult(handle) else {
                // Each statement's results end with one nil; two in a row: nothing is left.
                nils += 1
                continue
            }
            nils = 0
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        PQexitPipelineMode(handle)
    }

    private func flush() throws {
        while true {
            let state = PQflush(handle)
            if state == 0 { return }
            if state < 0 { throw lostOrFailed() }
            var descriptor = pollfd(fd: socket, events: Int16(POLLOUT | POLLIN), revents: 0)
            _ = Glibc.poll(&descriptor, 1, 1000)
            if descriptor.revents & Int16(POLLIN) != 0, PQconsumeInput(handle) == 0 { throw lostOrFailed() }
        }
    }

    /// A statement left running (its caller gave up) is drained before the next one.
    private func ensureIdle() throws {
        guard isHealthy else { throw StoreError.connectionLost(Self.firstLine(PQerrorMessage(handle))) }
        if pipeline != nil {
            cancel()
            abandonPipeline()
        }
        if PQisBusy(handle) == 1 || PQtransactionStatus(handle) == PQTRANS_ACTIVE {
            cancel()
            while let result = PQgetResult(handle) { PQclear(result) }
        }
    }

    private func collectResults() throws -> QueryResult {
        var last: QueryResult?
        var failure: StoreError?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
                if failure == nil { last = Self.decode(result) }
            default:
                if failure == nil { failure = error(from: result) }
            }
        }
        if let failure { throw failure }
        return last ?? QueryResult(columns: [], rows: [], rowsAffected: 0)
    }

    private func error(from result: OpaquePointer) -> StoreError {
        func field(_ code: Int32) -> String? {
            guard let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        guard let state = field(postdeck_PG_DIAG_SQLSTATE) else { return lostOrFailed() }
        if state == "57014" {
            return pendingTimeoutCancel ? .timedOut(seconds: statementTimeout.map(Self.seconds) ?? 0) : .cancelled
        }
        return .server(ServerError(
            sqlState: state,
            severity: field(postdeck_PG_DIAG_SEVERITY) ?? "ERROR",
            message: field(postdeck_PG_DIAG_MESSAGE_PRIMARY) ?? Self.firstLine(PQresultErrorMessage(result)),
            detail: field(postdeck_PG_DIAG_MESSAGE_DETAIL),
            hint: field(postdeck_PG_DIAG_MESSAGE_HINT)))
    }

    private func lostOrFailed() -> StoreError {
        let message = Self.firstLine(PQerrorMessage(handle))
        return isHealthy ? .invalid(message.isEmpty ? "the database refused the statement" : message)
                         : .connectionLost(message.isEmpty ? "server closed the connection" : message)
    }

    private static func decode(_ result: OpaquePointer) -> QueryResult {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        let types = (0..<columnCount).map { UInt32(PQftype(result, Int32($0))) }
        var bytes: [UInt8] = []
        var total = 0
        for row in 0..<rowCount {
            for column in 0..<columnCount { total += Int(PQgetlength(result, Int32(row), Int32(column))) }
        }
        bytes.reserveCapacity(total)
        var starts: [Int32] = []
        var lengths: [Int32] = []
        starts.reserveCapacity(rowCount * columnCount)
        lengths.reserveCapacity(rowCount * columnCount)
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                guard PQgetisnull(result, Int32(row), Int32(column)) == 0 else {
                    starts.append(-1)
                    lengths.append(0)
                    continue
                }
                let length = Int(PQgetlength(result, Int32(row), Int32(column)))
                starts.append(Int32(bytes.count))
                lengths.append(Int32(length))
                if let start = PQgetvalue(result, Int32(row), Int32(column)), length > 0 {
                    start.withMemoryRebound(to: UInt8.self, capacity: length) { bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
                }
            }
        }
        let storage = ResultStorage(columns: columns, types: types, bytes: bytes, starts: starts, lengths: lengths)
        let rows = (0..<rowCount).map { Row(storage: storage, row: $0) }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return QueryResult(columns: columns, rows: rows, rowsAffected: affected)
    }

    private static func describe(_ connection: OpaquePointer) -> ConnectionLabel {
        func text(_ value: UnsafeMutablePointer<CChar>?) -> String { value.map { String(cString: $0) } ?? "" }
        return ConnectionLabel(user: text(PQuser(connection)), host: text(PQhost(connection)),
                               port: text(PQport(connection)), database: text(PQdb(connection)))
    }

    static func firstLine(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "" }
        return String(cString: message).split(separator: "\n").first.map {
            $0.trimmingSpaces()
        } ?? ""
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// A notification delivered by `NOTIFY` / `pg_notify`.
public struct Notification: Sendable, Equatable {
    public let channel: String
    public let payload: String
    public let senderPID: Int
}

/// Cancels the statement running on a connection, from any thread.
/// `@unchecked Sendable`: libpq documents `PQcancel` as safe to call from other threads,
/// and the token is only read after creation.
public final class CancelToken: @unchecked Sendable {
    private let handle: OpaquePointer?
    init(_ handle: OpaquePointer?) { self.handle = handle }
    deinit { if let handle { PQfreeCancel(handle) } }

    public func cancel() {
        guard let handle else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(handle, &buffer, Int32(buffer.count))
    }
}

private func withOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    let copies = strings.map { $0.map { strdup($0) } ?? nil }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}
