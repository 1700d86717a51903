import FoundationEssentials
import Glibc
import PostDeckStore

/// Identifies one request, so that a result arriving after a newer request for the same
/// thing is recognised as stale and dropped.
public struct RequestID: Hashable, Sendable, CustomStringConvertible {
    public let value: Int
    public init(_ value: Int) { self.value = value }
    public var description: String { "#\(value)" }
}

/// Runs queries one at a time on one connection, without ever blocking the loop: it
/// sends, then the loop polls `pollRequest` and calls `socketReady()`. It opens the
/// connection itself and, when the connection drops, reopens it with backoff. A refused
/// login is not retried: it waits for `reconnect()` (the user's `R`).
///
/// A query enqueued under the same `slot` as a queued or running one replaces it: the
/// running one is cancelled on the server, so a user holding `j` never queues a backlog.
///
/// A `greeting` runs first on every new connection, before anything queued: what the UI
/// must know about the server it reached (role, standby, read-only) is known before its
/// queries run there, again after each reconnect (which may land on another host).
final class QueryRunner<Message> {
    struct Job {
        let id: RequestID
        let slot: String
        let query: Query<Message>
        let onFailure: (RequestID, StoreError) -> Message
    }

    enum Event {
        case connected(ConnectionLabel)
        case connectionFailed(StoreError, retryIn: Duration)
        /// The server refused the login; nothing is retried until `reconnect()`.
        case loginRefused(StoreError)
        /// A request finished (with its value or its failure turned into a message).
        case completed(RequestID, Message)
        /// A request was replaced by a newer one in its slot: no answer will come.
        case replaced(RequestID)
    }

    private let conninfo: String
    private let statementTimeout: Duration
    private let greeting: Job?
    private let clock = ContinuousClock()
    private var connection: Connection?
    private var pending: PendingConnection?
    private var pendingWait: (fd: Int32, events: Int16)?
    private var queue: [Job] = []
    private var running: (job: Job, deadline: ContinuousClock.Instant, cancelled: Bool)?
    private var retryAt: ContinuousClock.Instant?
    private var failures = 0

    init(conninfo: String, statementTimeout: Duration, greeting: Job? = nil) {
        self.conninfo = conninfo
        self.statementTimeout = statementTimeout
        self.greeting = greeting
    }

    var isBusy: Bool { running != nil || !queue.isEmpty }
    var isConnected: Bool { connection != nil }

    /// Starts connecting; events come back through `socketReady` / `timerFired`.
    func start() -> [Event] {
        pending = PendingConnection(conninfo: conninfo)
        return advanceConnecting()
    }

    /// Tries to connect again at once (after a refused login), unless connected or connecting.
    func reconnect() -> [Event] {
        guard connection == nil, pending == nil else { return [] }
        retryAt = nil
        failures = 0
        return start()
    }

    /// Takes the connection's next step if its socket is ready, without waiting: for start-up,
    /// between the things it does before the loop runs.
    func nudge() -> [Event] {
        guard pending != nil, let wait = pendingWait else { return [] }
        var descriptor = pollfd(fd: wait.fd, events: wait.events, revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return [] }
        return advanceConnecting()
    }

    func enqueue(_ job: Job) -> [Event] {
        var replaced = queue.filter { $0.slot == job.slot }.map { Event.replaced($0.id) }
        queue.removeAll { $0.slot == job.slot }
        if let current = running, current.job.slot == job.slot, !current.cancelled {
            connection?.cancel()
            running?.cancelled = true
            replaced.append(.replaced(current.job.id))
        }
        queue.append(job)
        return replaced + pump()
    }

    /// The descriptor the loop should poll, and for what.
    var pollRequest: (fd: Int32, events: Int16)? {
        if let pendingWait { return pendingWait }
        if running != nil, let connection { return (connection.socket, Int16(POLLIN)) }
        return nil
    }

    /// The next instant at which `timerFired` has work: a statement's timeout or a retry.
    var nextDeadline: ContinuousClock.Instant? {
        [running.flatMap { $0.cancelled ? nil : $0.deadline }, retryAt].compactMap { $0 }.min()
    }

    func socketReady() -> [Event] {
        if pending != nil { return advanceConnecting() }
        guard let connection, let current = running else { return [] }
        do {
            guard let result = try connection.receive() else { return [] }
            running = nil
            var events: [Event] = []
            if !current.cancelled {
                do {
                    events.append(.completed(current.job.id, try current.job.query.decode(result)))
                } catch let error as StoreError {
                    events.append(.completed(current.job.id, current.job.onFailure(current.job.id, error)))
                } catch {
                    events.append(.completed(current.job.id, current.job.onFailure(current.job.id, .invalid(String(describing: error)))))
                }
            }
            return events + pump()
        } catch let error as StoreError {
            running = nil
            if !connection.isHealthy {
                return connectionLost(error, failing: current.job)
            }
            let reported: StoreError = error == .cancelled && !current.cancelled && clock.now >= current.deadline
                ? .timedOut(seconds: Double(statementTimeout.components.seconds) + Double(statementTimeout.components.attoseconds) / 1e18) : error
            let events: [Event] = current.cancelled ? [] : [.completed(current.job.id, current.job.onFailure(current.job.id, reported))]
            return events + pump()
        } catch {
            running = nil
            return pump()
        }
    }

    func timerFired() -> [Event] {
        let now = clock.now
        if let retryAt, now >= retryAt {
            self.retryAt = nil
            return start()
        }
        if let current = running, !current.cancelled, now >= current.deadline {
            // The server is told to stop; its "canceled" answer arrives through `socketReady`.
            connection?.cancel()
        }
        return []
    }

    private func pump() -> [Event] {
        guard running == nil, let connection, !queue.isEmpty else { return [] }
        let job = queue.removeFirst()
        do {
            try connection.send(job.query.sql, job.query.parameters, localSettings: job.query.localSettings)
            running = (job, clock.now + statementTimeout, false)
            return []
        } catch let error as StoreError {
            if !connection.isHealthy { return connectionLost(error, failing: job) }
            return [.completed(job.id, job.onFailure(job.id, error))] + pump()
        } catch {
            return pump()
        }
    }

    private func connectionLost(_ error: StoreError, failing job: Job?) -> [Event] {
        connection = nil
        // The failed job is put back: it runs again once the connection is back.
        if let job, !queue.contains(where: { $0.slot == job.slot }) { queue.insert(job, at: 0) }
        return scheduleRetry(error)
    }

    private func scheduleRetry(_ error: StoreError) -> [Event] {
        failures += 1
        let delay = Duration.milliseconds(min(30_000, 250 * (1 << min(failures - 1, 7))))
        retryAt = clock.now + delay
        return [.connectionFailed(error, retryIn: delay)]
    }

    private func advanceConnecting() -> [Event] {
        guard let pending else { return [] }
        switch pending.advance() {
        case .waitForRead(let fd): pendingWait = (fd, Int16(POLLIN)); return []
        case .waitForWrite(let fd): pendingWait = (fd, Int16(POLLOUT)); return []
        case .ready(let connection):
            self.pending = nil
            pendingWait = nil
            self.connection = connection
            failures = 0
            if let greeting {
                queue.removeAll { $0.slot == greeting.slot }
                queue.insert(greeting, at: 0)
            }
            return [.connected(connection.label)] + pump()
        case .failed(let error):
            self.pending = nil
            pendingWait = nil
            if case .loginRefused = error { return [.loginRefused(error)] }
            return scheduleRetry(error)
        }
    }
}
