import Foundation
import Synchronization

/// Threads of the worker's own that its tasks prefer (`withTaskExecutorPreference`), so that
/// the worker keeps publishing inside a process whose shared cooperative threads are busy or
/// blocked by someone else (a test runner running blocking tests beside it, say). In the
/// `postdeck-worker` program it changes nothing but the threads' names.
final class WorkerExecutor: TaskExecutor {
    private let jobs = Mutex<(queue: [UnownedJob], stopping: Bool)>(([], false))
    private let available = DispatchSemaphore(value: 0)
    private let threads: Int

    init(threads: Int) {
        self.threads = max(1, threads)
        for index in 0..<self.threads {
            let thread = Thread { [self] in loop() }
            thread.name = "postdeck-worker-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        jobs.withLock { $0.queue.append(unowned) }
        available.signal()
    }

    /// Lets the threads end once the jobs already enqueued have run.
    func shutdown() {
        jobs.withLock { $0.stopping = true }
        for _ in 0..<threads { available.signal() }
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
            next.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
