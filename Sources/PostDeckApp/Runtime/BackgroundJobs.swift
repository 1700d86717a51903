import FoundationEssentials
import Glibc
import PostDeckCore
import Synchronization

/// Work the loop must not wait for (reading and checking a 5,000-row import file, writing
/// it) runs on a thread of its own. Its answer comes back through a pipe the loop polls
/// (`readEnd`), and is turned into a message on the loop's thread, so `update` stays
/// single-threaded.
///
/// Safe under Swift 6 strict concurrency without `@unchecked`: the work is a `@Sendable`
/// closure whose result is `Sendable`; the finished results cross threads in a `Mutex`
/// inside a `Sendable` mailbox; the closure that turns a result into a message never
/// leaves the loop's thread (it waits in `waiting`, which only the loop touches).
final class BackgroundJobs {
    /// What worker threads hand back, and the pipe that wakes the loop. Running jobs hold it
    /// too, so the pipe is closed only once nothing can write to it any more.
    private final class Mailbox: Sendable {
        let finished = Mutex<[(RequestID, any Sendable)]>([])
        let readEnd: Int32
        let writeEnd: Int32

        init() {
            (readEnd, writeEnd) = SignalPipe.makePipe()
        }

        deinit {
            close(readEnd)
            close(writeEnd)
        }
    }

    private let mailbox = Mailbox()
    private var waiting: [RequestID: (any Sendable) -> Message?] = [:]

    /// Readable when a job has finished.
    var readEnd: Int32 { mailbox.readEnd }

    /// True while a job is running.
    var isBusy: Bool { !waiting.isEmpty }

    /// Runs `work` on a new thread; `then` turns its result into the message for `update`.
    func start<Value: Sendable>(_ id: RequestID, _ work: @escaping @Sendable () -> Value, then: @escaping (Value) -> Message) {
        waiting[id] = { ($0 as? Value).map(then) }
        let mailbox = self.mailbox
        Self.spawn {
            let value = work()
            mailbox.finished.withLock { $0.append((id, value)) }
            var byte: UInt8 = 1
            _ = write(mailbox.writeEnd, &byte, 1)
        }
    }

    /// The finished jobs' messages, oldest first; call when `readEnd` is readable.
    func collect() -> [(RequestID, Message)] {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &buffer, buffer.count) > 0 {}
        let finished = mailbox.finished.withLock { list in
            defer { list.removeAll() }
            return list
        }
        return finished.compactMap { id, value in
            waiting.removeValue(forKey: id).flatMap { $0(value) }.map { (id, $0) }
        }
    }

    /// Starts a detached POSIX thread running `body`.
    private static func spawn(_ body: @escaping @Sendable () -> Void) {
        // No thread to be had: do the work here rather than never answer.
        if !DetachedThread.start(body) { body() }
    }
}
