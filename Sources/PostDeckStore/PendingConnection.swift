import CLibPQ
import FoundationEssentials
import Glibc

/// A connection being opened without blocking (`PQconnectStart` / `PQconnectPoll`), for a
/// UI loop that must keep answering keys while the server is slow or away.
public final class PendingConnection {
    private var handle: OpaquePointer?
    private let statementTimeout: Duration?

    /// What the loop should wait for next.
    public enum Progress {
        case waitForRead(Int32)
        case waitForWrite(Int32)
        case ready(Connection)
        case failed(StoreError)
    }

    /// Starts connecting; call `advance()` at once and again whenever the socket is ready.
    public init(conninfo: String, applicationName: String = "postdeck", statementTimeout: Duration? = nil) {
        let keywords = ["fallback_application_name", "dbname"]
        let values = [applicationName, conninfo]
        handle = keywords.withCStringArray { keys in values.withCStringArray { vals in PQconnectStartParams(keys, vals, 1) } }
        self.statementTimeout = statementTimeout
    }

    deinit { if let handle { PQfinish(handle) } }

    public func advance() -> Progress {
        guard let handle else { return .failed(.cannotConnect("out of memory")) }
        if PQstatus(handle) == CONNECTION_BAD {
            return fail(handle)
        }
        switch PQconnectPoll(handle) {
        case PGRES_POLLING_READING: return .waitForRead(PQsocket(handle))
        case PGRES_POLLING_WRITING: return .waitForWrite(PQsocket(handle))
        case PGRES_POLLING_OK:
            self.handle = nil
            let connection = Connection(adopting: handle)
            connection.statementTimeout = statementTimeout
            return .ready(connection)
        default:
            return fail(handle)
        }
    }

    private func fail(_ handle: OpaquePointer) -> Progress {
        .failed(LoginFailure.error(for: handle))
    }
}

extension Array where Element == String {
    /// Calls `body` with a NULL-terminated array of C strings that live for the call.
    func withCStringArray<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { UnsafePointer($0) } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
