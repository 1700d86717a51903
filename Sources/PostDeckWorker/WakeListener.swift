import Foundation
import PostDeckStore
import Logging
import Synchronization

/// LISTENs on `postdeck_changes` (migration 2's triggers announce every statement that
/// changes `scheduled_jobs`) on a connection and a thread of its own, and rings the doorbell
/// when another session inserted or changed publish jobs: a job scheduled for now starts
/// at once, and an idle worker sleeps in `poll()` without using the CPU. Reconnects with
/// backoff when the connection drops; the worker polls the queue meanwhile.
final class WakeListener: Sendable {
    static let channel = "postdeck_changes"

    private let conninfo: String
    private let doorbell: Doorbell
    private let ownBackends: OwnBackends
    private let log: Logger
    /// Written to stop the thread.
    private let stopPipe: (read: Int32, write: Int32)
    private let stopped = Mutex(false)
    private let listening = Mutex(false)

    /// True while the LISTEN connection is up: no change to the queue can then go unnoticed.
    var isListening: Bool { listening.withLock { $0 } }

    init(conninfo: String, doorbell: Doorbell, ownBackends: OwnBackends, log: Logger) {
        self.conninfo = conninfo
        self.doorbell = doorbell
        self.ownBackends = ownBackends
        self.log = log
        var ends: [Int32] = [-1, -1]
        _ = pipe(&ends)
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        stopPipe = (ends[0], ends[1])
    }

    func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "postdeck-worker-listen"
        thread.start()
    }

    func stop() {
        let first = stopped.withLock { stopped -> Bool in
            defer { stopped = true }
            return !stopped
        }
        if first {
            var byte: UInt8 = 1
            _ = write(stopPipe.write, &byte, 1)
        }
    }

    private var isStopped: Bool { stopped.withLock { $0 } }

    private func loop() {
        var failures = 0
        while !isStopped {
            do {
                let connection = try Connection(conninfo: conninfo, applicationName: "postdeck-worker-listen")
                try connection.execute("LISTEN \(Self.channel)")
                listening.withLock { $0 = true }
                if failures > 0 { log.info("listening for new jobs again") }
                // Whatever changed before LISTEN took effect is found by one more look.
                doorbell.ring()
                failures = 0
                try listen(on: connection)
            } catch {
                listening.withLock { $0 = false }
                if isStopped { break }
                failures += 1
                let delay = min(30_000, 500 * (1 << min(failures - 1, 6)))
                if failures == 1 { log.warning("not listening for new jobs (\(error)); falling back to polling, retrying") }
                if waitForStop(milliseconds: Int32(delay)) { break }
            }
        }
        close(stopPipe.read)
        close(stopPipe.write)
    }

    /// Waits for notifications until the connection breaks (throws) or `stop()`.
    private func listen(on connection: Connection) throws {
        while !isStopped {
            var descriptors = [pollfd(fd: connection.socket, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                throw StoreError.connectionLost(String(cString: strerror(errno)))
            }
            if descriptors[1].revents != 0 { return }
            guard descriptors[0].revents != 0 else { continue }
            let relevant = try connection.consumeNotifications().contains { note in
                !ownBackends.contains(note.senderPID) && Self.isAboutJobs(note.payload)
            }
            if !connection.isHealthy { throw StoreError.connectionLost("server closed the connection") }
            if relevant { doorbell.ring() }
        }
    }

    /// True for the triggers' notifications about `scheduled_jobs` (and payloads we cannot read).
    static func isAboutJobs(_ payload: String) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
              let table = object["table"] as? String else { return true }
        return table == "scheduled_jobs"
    }

    /// Sleeps up to `milliseconds`; true when stopped meanwhile.
    private func waitForStop(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, milliseconds)
        return isStopped
    }
}
