import Dispatch
import FoundationEssentials
import Glibc
import PostDeckCore
import Synchronization

/// A scaled run on several connections at once: Postgres runs one statement on one core,
/// so a million posts on one connection leave the other cores idle.
///
/// The small tables are written and committed first (every worker reads them). Each worker
/// then writes the next free chunk in its own transaction, over and over; when all chunks
/// are written, every worker commits, or, if any failed, every worker rolls back, so a
/// failed run leaves only the small tables behind (a run with `force` replaces them).
struct DemoParallelRun {
    let conninfo: String
    let plan: DemoPlan
    let options: DemoData.Options
    let workers: Int

    func run() throws -> DemoData.Summary {
        let started = ContinuousClock.now
        let main = try Connection(conninfo: conninfo)
        let fixtures = try main.transaction { db in
            try DemoGenerator(connection: db, plan: plan, seed: options.randomSeed, now: options.now, force: options.force)
                .writeFixtures()
        }
        options.progress?(.init(postsDone: 0, postsTotal: plan.posts, rowsDone: fixtures.total, elapsed: .now - started))

        let shared = SharedProgress(posts: plan.posts, chunkSize: plan.chunkSize)
        let chunksDone = DispatchGroup()
        let changed = DispatchSemaphore(value: 0)
        for _ in 0..<workers {
            chunksDone.enter()
            let worker = Worker(conninfo: conninfo, plan: plan, seed: options.randomSeed, now: options.now)
            startThread { worker.run(shared: shared, chunksDone: chunksDone, changed: changed) }
        }
        while true {
            changed.wait()
            let state = shared.state
            var summary = fixtures
            summary.add(state.summary)
            options.progress?(.init(postsDone: state.summary.posts, postsTotal: plan.posts, rowsDone: summary.total,
                                    elapsed: .now - started))
            if state.workersFinished == workers {
                if let failure = state.failure { throw failure }
                return summary
            }
        }
    }

    /// One connection writing chunks until none are left.
    private struct Worker: Sendable {
        let conninfo: String
        let plan: DemoPlan
        let seed: Int
        let now: Date

        func run(shared: SharedProgress, chunksDone: DispatchGroup, changed: DispatchSemaphore) {
            var connection: Connection?
            do {
                let db = try Connection(conninfo: conninfo)
                connection = db
                try db.execute("BEGIN")
                let generator = try DemoGenerator(connection: db, plan: plan, seed: seed, now: now, force: false)
                try generator.configureSession()
                try generator.configureBulkLoad()
                while let chunk = shared.nextChunk() {
                    shared.completed(try generator.writePosts(chunk))
                    changed.signal()
                }
            } catch {
                shared.fail(error)
            }
            chunksDone.leave()
            chunksDone.wait()
            if let connection, connection.isHealthy {
                do {
                    try connection.execute(shared.state.failure == nil ? "COMMIT" : "ROLLBACK")
                } catch {
                    shared.fail(error)
                }
            }
            shared.finished()
            changed.signal()
        }
    }
}

/// What the workers share: the next chunk to take, what was written, the first failure.
private final class SharedProgress: Sendable {
    struct State {
        var nextPost = 0
        var summary = DemoData.Summary()
        var failure: (any Error)?
        var workersFinished = 0
    }

    private let guarded = Mutex(State())
    private let posts: Int
    private let chunkSize: Int

    init(posts: Int, chunkSize: Int) {
        self.posts = posts
        self.chunkSize = chunkSize
    }

    var state: State { guarded.withLock { $0 } }

    /// The next chunk of post numbers, nil when all are taken or a worker failed.
    func nextChunk() -> Range<Int>? {
        guarded.withLock { state in
            guard state.failure == nil, state.nextPost < posts else { return nil }
            let chunk = state.nextPost..<min(posts, state.nextPost + chunkSize)
            state.nextPost = chunk.upperBound
            return chunk
        }
    }

    func completed(_ summary: DemoData.Summary) { guarded.withLock { $0.summary.add(summary) } }
    func fail(_ error: any Error) { guarded.withLock { if $0.failure == nil { $0.failure = error } } }
    func finished() { guarded.withLock { $0.workersFinished += 1 } }
}

/// Runs `body` on a new detached thread, or here when the system has none to give.
private func startThread(_ body: @escaping @Sendable () -> Void) {
    if !DetachedThread.start(body) { body() }
}
