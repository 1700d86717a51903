import FoundationEssentials
import Glibc
import PostDeckStore

/// Keeps a connection of its own LISTENing on `postdeck_changes` (the channel migration 2's
/// triggers notify) and reports the tables that changed. Query connections stay free of
/// session state; this one holds the LISTEN.
///
/// A LISTEN that the server accepted may still never hear anything: through PgBouncer in
/// transaction mode the server connection that took the LISTEN goes back to the pool. So
/// once listening, the listener hands out a probe (a random word) that the UI sends with
/// `pg_notify` through its query connection; the listener reports when the probe comes back,
/// and the UI falls back to a change check on an interval when it does not.
///
/// Reconnects with backoff when the connection drops; gives up for good when the server
/// refuses LISTEN itself (a hot standby), or once `stop()` is called; never after a refused
/// login (the query runner reports that, and `R` starts both again).
final class ChangeListener {
    static let channel = "postdeck_changes"
    static let probeChannel = "postdeck_probe"

    enum Event: Equatable {
        /// LISTEN is in place; `probe` should come back on `probeChannel`.
        case listening(probe: String)
        /// Notifications arrived for these tables ("" for a payload without a table).
        case changed(Set<String>)
        /// The probe came back: notifications reach this connection.
        case probeArrived(String)
        /// No LISTEN for now (the reason, in one line); retried unless the server refused it.
        case unavailable(String)
    }

    private let conninfo: String
    private var pending: PendingConnection?
    private var waitFor: (fd: Int32, events: Int16)?
    private var connection: Connection?
    private var listening = false
    private var probe: String?
    private var retryAt: ContinuousClock.Instant?
    private var failures = 0
    private var stopped = false

    init(conninfo: String) { self.conninfo = conninfo }

    /// True when it is neither listening, nor connecting, nor waiting to retry.
    var isStopped: Bool { pending == nil && connection == nil && retryAt == nil }

    func start() -> [Event] {
        guard !stopped else { return [] }
        pending = PendingConnection(conninfo: conninfo, applicationName: "postdeck-listen")
        return advance()
    }

    /// Closes the connection (after `UNLISTEN *`, so a pooled server connection does not keep
    /// the LISTEN) and stops retrying.
    func stop() {
        stopped = true
        if let connection, listening { _ = try? connection.execute("UNLISTEN *", timeout: .seconds(1)) }
        connection = nil
        pending = nil
        waitFor = nil
        retryAt = nil
        listening = false
    }

    var pollRequest: (fd: Int32, events: Int16)? {
        if let waitFor { return waitFor }
        if let connection { return (connection.socket, Int16(POLLIN)) }
        return nil
    }

    var nextDeadline: ContinuousClock.Instant? { retryAt }

    func timerFired() -> [Event] {
        guard let retryAt, ContinuousClock.now >= retryAt else { return [] }
        self.retryAt = nil
        return start()
    }

    /// Reads what arrived.
    func socketReady() -> [Event] {
        if pending != nil { return advance() }
        guard let connection else { return [] }
        var events: [Event] = []
        do {
            if !listening {
                guard try connection.receive() != nil else { return [] }
                listening = true
                failures = 0
                let word = UUID().uuidString.lowercased()
                probe = word
                events.append(.listening(probe: word))
            }
            var tables = Set<String>()
            for note in try connection.consumeNotifications() {
                if note.channel == Self.probeChannel {
                    if note.payload == probe { events.append(.probeArrived(note.payload)) }
                } else {
                    tables.insert(Self.table(in: note.payload))
                }
            }
            if !tables.isEmpty { events.append(.changed(tables)) }
            return events
        } catch let error as StoreError {
            if connection.isHealthy, case .server = error {
                // The server refused LISTEN (a standby): asking again would not help.
                stop()
                return events + [.unavailable("LISTEN refused: \(error.description)")]
            }
            return events + lost(error.description)
        } catch {
            return events + lost(String(describing: error))
        }
    }

    /// The `table` field of the trigger's JSON payload ("" if the payload has none).
    static func table(in payload: String) -> String {
        struct Payload: Decodable { let table: String? }
        return (try? JSONDecoder().decode(Payload.self, from: Data(payload.utf8)))?.table ?? ""
    }

    private func advance() -> [Event] {
        guard let pending else { return [] }
        switch pending.advance() {
        case .waitForRead(let fd): waitFor = (fd, Int16(POLLIN)); return []
        case .waitForWrite(let fd): waitFor = (fd, Int16(POLLOUT)); return []
        case .ready(let ready):
            self.pending = nil
            waitFor = nil
            do {
                try ready.sendScript("LISTEN \(Self.channel); LISTEN \(Self.probeChannel)")
                connection = ready
                listening = false
                return []
            } catch {
                return lost(String(describing: error))
            }
        case .failed(let error):
            self.pending = nil
            waitFor = nil
            // A refused login is not retried (it would lock accounts that count failures):
            // stopped until started again.
            if case .loginRefused = error { return [.unavailable(error.description)] }
            return lost(error.description)
        }
    }

    private func lost(_ reason: String) -> [Event] {
        connection = nil
        listening = false
        probe = nil
        failures += 1
        retryAt = ContinuousClock.now + .milliseconds(min(30_000, 500 * (1 << min(failures - 1, 6))))
        return [.unavailable(reason)]
    }
}
