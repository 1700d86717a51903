import FoundationEssentials
import Glibc
import PostDeckStore

/// Keeps a connection of its own LISTENing on `postdeck_changes` (the channel migration 2's
/// triggers notify) and reports the tables that changed. Query connections stay free of
/// session state; this one holds the LISTEN. Reconnects with backoff when it drops.
final class ChangeListener {
    static let channel = "postdeck_changes"

    private let conninfo: String
    private var pending: PendingConnection?
    private var waitFor: (fd: Int32, events: Int16)?
    private var connection: Connection?
    private var listening = false
    private var retryAt: ContinuousClock.Instant?
    private var failures = 0

    init(conninfo: String) { self.conninfo = conninfo }

    func start() {
        pending = PendingConnection(conninfo: conninfo, applicationName: "postdeck-listen")
        advance()
    }

    var pollRequest: (fd: Int32, events: Int16)? {
        if let waitFor { return waitFor }
        if let connection { return (connection.socket, Int16(POLLIN)) }
        return nil
    }

    var nextDeadline: ContinuousClock.Instant? { retryAt }

    func timerFired() {
        if let retryAt, ContinuousClock.now >= retryAt {
            self.retryAt = nil
            start()
        }
    }

    /// Reads what arrived; returns the names of the tables that changed (deduplicated).
    func socketReady() -> Set<String> {
        if pending != nil { advance(); return [] }
        guard let connection else { return [] }
        do {
            if !listening {
                guard try connection.receive() != nil else { return [] }
                listening = true
            }
            let notes = try connection.consumeNotifications()
            return Set(notes.map { Self.table(in: $0.payload) })
        } catch {
            lost()
            return []
        }
    }

    /// The `table` field of the trigger's JSON payload ("" if the payload has none).
    static func table(in payload: String) -> String {
        struct Payload: Decodable { let table: String? }
        return (try? JSONDecoder().decode(Payload.self, from: Data(payload.utf8)))?.table ?? ""
    }

    private func advance() {
        guard let pending else { return }
        switch pending.advance() {
        case .waitForRead(let fd): waitFor = (fd, Int16(POLLIN))
        case .waitForWrite(let fd): waitFor = (fd, Int16(POLLOUT))
        case .ready(let ready):
            self.pending = nil
            waitFor = nil
            do {
                try ready.send("LISTEN \(Self.channel)")
                connection = ready
                listening = false
                failures = 0
            } catch {
                lost()
            }
        case .failed:
            self.pending = nil
            waitFor = nil
            lost()
        }
    }

    private func lost() {
        connection = nil
        listening = false
        failures += 1
        retryAt = ContinuousClock.now + .milliseconds(min(30_000, 500 * (1 << min(failures - 1, 6))))
    }
}
