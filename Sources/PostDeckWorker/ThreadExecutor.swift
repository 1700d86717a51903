import Foundation
import Synchronization

/// A serial executor that runs its jobs on one thread of its own. The worker's database
/// actors run on one each, so a statement that blocks in `poll()` blocks that thread only,
/// never one of the threads the sends run on.
final class ThreadExecutor: SerialExecutor {
    private let threads: JobThreads

    init(name: String) {
        threads = JobThreads()
        // The thread keeps the executor alive until `shutdown()` lets it end.
        threads.start(count: 1, name: name) { [self] job in job.runSynchronously(on: asUnownedSerialExecutor()) }
    }

    func enqueue(_ job: consuming ExecutorJob) { threads.enqueue(UnownedJob(job)) }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }

    /// Lets the thread end once the jobs already enqueued have run.
    func shutdown() { threads.shutdown() }
}

/// Threads of the worker's own that its tasks prefer (`withTaskExecutorPreference`), so that
/// the worker keeps publishing inside a process whose shared cooperative threads are busy or
/// blocked by someone else (a test runner running blocking tests beside it, say). In the
/// `postdeck-worker` program it changes nothing but the threads' names.
final class WorkerExecutor: TaskExecutor {
    private let threads: JobThreads

    init(threads count: Int) {
        threads = JobThreads()
        // The threads keep the executor alive until `shutdown()` lets them end.
        threads.start(count: count, name: "postdeck-worker") { [self] job in job.runSynchronously(on: asUnownedTaskExecutor()) }
    }

    func enqueue(_ job: consuming ExecutorJob) { threads.enqueue(UnownedJob(job)) }

    /// Lets the threads end once the jobs already enqueued have run.
    func shutdown() { threads.shutdown() }
}

/// Threads taking jobs from one queue in order, for the executors above.
final class JobThreads: Sendable {
    private let jobs = Mutex<(queue: [UnownedJob], stopping: Bool)>(([], false))
    private let available = DispatchSemaphore(value: 0)
    private let count = Mutex(0)

    func start(count: Int, name: String, run: @escaping @Sendable (UnownedJob) -> Void) {
        let count = max(1, count)
        self.count.withLock { $0 = count }
        for index in 0..<count {
            let thread = Thread { [self] in loop(run) }
            thread.name = count == 1 ? name : "\(name)-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: UnownedJob) {
        jobs.withLock { $0.queue.append(job) }
        available.signal()
    }

    func shutdown() {
        jobs.withLock { $0.stopping = true }
        for _ in 0..<count.withLock({ $0 }) { available.signal() }
    }

    private func loop(_ run: @Sendable (UnownedJob) -> Void) {
        while true {
            available.wait()
            let next: UnownedJob? = jobs.withLock { state in
                state.queue.isEmpty ? nil : state.queue.removeFirst()
            }
            guard let next else {
                if jobs.withLock({ $0.stopping && $0.queue.isEmpty }) { return }
                continue
            }
            run(next)
        }
    }
}
