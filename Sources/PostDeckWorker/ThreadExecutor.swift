import Foundation
import Synchronization

/// A serial executor that runs its jobs on one thread of its own. The worker's database
/// actor runs on it, so a statement that blocks in `poll()` blocks that thread only, never
/// one of the two or so threads of Swift's cooperative pool that the sends run on.
final class ThreadExecutor: SerialExecutor {
    private let jobs = Mutex<(queue: [UnownedJob], stopping: Bool)>(([], false))
    private let available = DispatchSemaphore(value: 0)

    init(name: String) {
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        jobs.withLock { $0.queue.append(unowned) }
        available.signal()
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread end once the jobs already enqueued have run.
    func shutdown() {
        jobs.withLock { $0.stopping = true }
        available.signal()
    }

    private func loop() {
        while true {
            available.wait()
            let next: UnownedJob? = jobs.withLock { state in
                state.queue.isEmpty ? nil : state.queue.removeFirst()
            }
            guard let next else {
                if jobs.withLock({ $0.stopping && $0.queue.isEmpty }) { return }
                continue
            }
            next.runSynchronously(on: asUnownedSerialExecutor())
        }
    }
}
