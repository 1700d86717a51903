import Foundation
import PostDeckCore
import PostDeckStore
import Synchronization

/// One of the worker's query connections, behind an actor that runs on a thread of its own.
/// It reconnects on the next call after the connection broke. A worker has two: one for the
/// queue (claims, rescues, heartbeats), one for its sends, so that neither waits behind the other.
///
/// The statements a busy worker makes per send ("about to send", the outcome, the end of an
/// attempt) are coalesced: calls that arrive while a statement runs wait, and go out
/// together as one statement when the connection is free. One send on an idle worker costs
/// one round trip; a hundred sends finishing together cost one too.
actor WorkerDatabase {
    private let executor: ThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let conninfo: String
    private let worker: UUID
    private let publisher: String
    /// Backend process ids of this worker's own connections: their notifications are ignored.
    private let ownBackends: OwnBackends
    private var connection: Connection?

    private var begins = Coalesced<PublishQueue.SendStart, Int?>()
    private var ends = Coalesced<SendResult, Void>()
    private var finishes = Coalesced<JobAttemptEnd, SettledJob?>()

    init(conninfo: String, worker: UUID, publisher: String, name: String, ownBackends: OwnBackends) {
        self.conninfo = conninfo
        self.worker = worker
        self.publisher = publisher
        self.ownBackends = ownBackends
        executor = ThreadExecutor(name: "postdeck-worker-\(name)")
    }

    /// Closes the connection and lets the actor's thread end.
    func close() {
        connection = nil
        executor.shutdown()
    }

    // MARK: Plain statements

    func run<Value: Sendable>(_ query: Query<Value>) throws -> Value {
        try guarded { try $0.run(query) }
    }

    func rescue(leaseTimeout: Double) throws -> [SettledJob] {
        try guarded { try WorkerRegistry.rescue(on: $0, leaseTimeout: leaseTimeout) }
    }

    func requireCurrentSchema() throws {
        try guarded { try Migrator.requireCurrent($0) }
    }

    // MARK: Coalesced statements

    /// "About to send": the delivery id when this send may go out, nil when it may not.
    func beginSend(_ item: PublishQueue.SendStart) async throws -> Int? {
        try await withCheckedThrowingContinuation { continuation in
            if begins.add(item, continuation) { Task { flushBegins() } }
        }
    }

    /// Records how a send ended.
    func endSend(_ result: SendResult) async throws {
        try await withCheckedThrowingContinuation { continuation in
            if ends.add(result, continuation) { Task { flushEnds() } }
        }
    }

    /// Ends an attempt of a job; nil when the job was no longer this worker's.
    func finish(_ end: JobAttemptEnd) async throws -> SettledJob? {
        try await withCheckedThrowingContinuation { continuation in
            if finishes.add(end, continuation) { Task { flushFinishes() } }
        }
    }

    private func flushBegins() {
        let batch = begins.take()
        do {
            let deliveries = try guarded { try $0.run(PublishQueue.beginSends(worker: worker, publisher: publisher, batch.map(\.0))) }
            for (item, continuation) in batch { continuation.resume(returning: deliveries[item.postPlatformID]) }
        } catch {
            for (_, continuation) in batch { continuation.resume(throwing: error) }
        }
    }

    private func flushEnds() {
        let batch = ends.take()
        do {
            _ = try guarded { try $0.run(PublishQueue.endSends(worker: worker, publisher: publisher, batch.map(\.0))) }
            for (_, continuation) in batch { continuation.resume() }
        } catch {
            for (_, continuation) in batch { continuation.resume(throwing: error) }
        }
    }

    private func flushFinishes() {
        let batch = finishes.take()
        do {
            let settled = try guarded { try $0.run(PublishQueue.finish(worker: worker, batch.map(\.0))) }
            let byJob = Dictionary(settled.map { ($0.jobID, $0) }, uniquingKeysWith: { first, _ in first })
            for (end, continuation) in batch { continuation.resume(returning: byJob[end.jobID]) }
        } catch {
            for (_, continuation) in batch { continuation.resume(throwing: error) }
        }
    }

    // MARK: Connection

    /// Runs `body` on the connection, opening it first if needed; forgets a connection that broke.
    private func guarded<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try connected()
        do {
            return try body(connection)
        } catch let error as StoreError where error.isConnectionProblem || !connection.isHealthy {
            self.connection = nil
            throw error
        }
    }

    private func connected() throws -> Connection {
        if let connection, connection.isHealthy { return connection }
        connection = nil
        let fresh = try Connection(conninfo: conninfo, applicationName: "postdeck-worker")
        fresh.statementTimeout = .seconds(60)
        if let pid: Int = try fresh.execute("SELECT pg_backend_pid() AS pid").first?.decode("pid") {
            ownBackends.insert(pid)
        }
        connection = fresh
        return fresh
    }
}

/// Calls waiting to go out together as one statement.
struct Coalesced<Item: Sendable, Answer: Sendable> {
    private var waiting: [(Item, CheckedContinuation<Answer, any Error>)] = []

    /// Adds a call; true when it is the first of a new batch (the caller schedules the flush).
    mutating func add(_ item: Item, _ continuation: CheckedContinuation<Answer, any Error>) -> Bool {
        waiting.append((item, continuation))
        return waiting.count == 1
    }

    mutating func take() -> [(Item, CheckedContinuation<Answer, any Error>)] {
        defer { waiting = [] }
        return waiting
    }
}

/// The backend pids of the worker's connections, read by the LISTEN thread.
final class OwnBackends: Sendable {
    private let pids = Mutex<Set<Int>>([])
    func insert(_ pid: Int) { pids.withLock { _ = $0.insert(pid) } }
    func contains(_ pid: Int) -> Bool { pids.withLock { $0.contains(pid) } }
}
