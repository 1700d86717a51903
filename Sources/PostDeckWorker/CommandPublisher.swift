import Foundation
import PostDeckStore
import Synchronization

/// Runs the agency's program once per post, with the `PublishDocument` on its standard
/// input. The contract (docs/WORKER.md):
///
/// - exit 0: published. Standard output is `{"platform_post_id": "…", "permalink": "…"}`
///   or just the id on one line (or nothing, when the network gives no id);
/// - exit 75 (`EX_TEMPFAIL`): try again later; `{"error": "…", "retry_after": 60}` on
///   standard output or a line on standard error says why;
/// - any other exit: refused for good, with the reason as above;
/// - still running after the timeout: killed (its whole process group) and retried, as is a
///   program killed by a signal.
///
/// The program also finds `POSTDECK_IDEMPOTENCY_KEY`, `POSTDECK_PLATFORM` and
/// `POSTDECK_ATTEMPT` in its environment. Each run waits on a thread of its own.
public final class CommandPublisher: Publisher {
    public let name = "command"
    private let program: String
    private let timeout: Double

    public init(program: String, timeout: Double) {
        self.program = program
        self.timeout = timeout
        // A program that exits without reading its input must not kill us: writing to its
        // closed pipe then fails with EPIPE instead of raising SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    public func publish(_ document: PublishDocument) async -> PublishResponse {
        let program = program, timeout = timeout
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Self.run(program: program, document: document, timeout: timeout))
            }
            thread.name = "postdeck-worker-command"
            thread.start()
        }
    }

    private static func run(program: String, document: PublishDocument, timeout: Double) -> PublishResponse {
        var environment = ProcessInfo.processInfo.environment
        environment["POSTDECK_IDEMPOTENCY_KEY"] = document.idempotencyKey
        environment["POSTDECK_PLATFORM"] = document.platform
        environment["POSTDECK_ATTEMPT"] = String(document.attempt)
        let run: ChildRun
        do {
            run = try ChildRun.run([program], input: Array(document.json()), environment: environment, timeout: timeout)
        } catch {
            return .refused(error: "command: cannot run \(program): \(error)", code: nil)
        }
        return interpret(run, timeout: timeout)
    }

    /// The response for a finished run (a pure function, tested on its own).
    static func interpret(_ run: ChildRun, timeout: Double) -> PublishResponse {
        let answer = PublishAnswer.parse(Data(run.output))
        let stderrLine = String(decoding: run.errors, as: UTF8.self).split(whereSeparator: \.isNewline)
            .last.map { String($0.trimmingCharacters(in: .whitespaces).prefix(300)) }
        let reason = answer?.error ?? stderrLine.flatMap { $0.isEmpty ? nil : $0 }
        if run.timedOut {
            let seconds = timeout == timeout.rounded() ? String(Int(timeout)) : String(format: "%.1f", timeout)
            return .retry(error: "command: timed out after \(seconds) s and was killed", retryAfter: nil, code: nil)
        }
        if let signal = run.signal {
            return .retry(error: "command: killed by signal \(signal)" + (reason.map { ": \($0)" } ?? ""), retryAfter: nil, code: nil)
        }
        switch run.status {
        case 0:
            let bare = answer == nil ? PublishAnswer.excerpt(Data(run.output)) : nil
            return .published(platformPostID: answer?.platformPostID ?? bare, permalink: answer?.permalink, code: 0)
        case 75:
            return .retry(error: "command exited 75" + (reason.map { ": \($0)" } ?? ""), retryAfter: answer?.retryAfter, code: 75)
        default:
            return .refused(error: "command exited \(run.status)" + (reason.map { ": \($0)" } ?? ""), code: Int(run.status))
        }
    }
}

/// A program run to completion with its standard input given and its output captured.
/// `posix_spawn`, like `Subprocess`: an empty signal mask and default signal handlers in the
/// child, no descriptor of ours inherited, a process group of its own (killed whole on
/// timeout).
struct ChildRun: Sendable {
    var status: Int32 = 0
    var signal: Int32?
    var timedOut = false
    var output: [UInt8] = []
    var errors: [UInt8] = []

    /// The most of each output stream kept.
    static let outputLimit = 1 << 20

    struct SpawnFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Held from creating a child's pipes to spawning it: a child spawned by another thread in
    /// between would inherit our pipe ends before they are marked close-on-exec, and hold them open.
    private static let spawning = Mutex(())

    static func run(_ arguments: [String], input: [UInt8], environment: [String: String], timeout: Double) throws -> ChildRun {
        try spawning.withLock { _ in try spawn(arguments, environment: environment) }.wait(input: input, timeout: timeout)
    }

    fileprivate struct Spawned {
        let pid: pid_t
        let stdin: Int32
        let stdout: Int32
        let stderr: Int32
    }

    private static func spawn(_ arguments: [String], environment: [String: String]) throws -> Spawned {
        var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else {
            throw SpawnFailure(description: String(validatingCString: strerror(errno)) ?? "pipe failed")
        }
        for end in stdinPipe + stdoutPipe + stderrPipe { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let pid: pid_t
        do {
            pid = try Subprocess.spawn(arguments, environment: environment) { actions in
                posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
                posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
                posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
            }
        } catch let failure as Subprocess.Failure {
            for end in stdinPipe + stdoutPipe + stderrPipe { close(end) }
            throw SpawnFailure(description: failure.output)
        }
        for end in [stdinPipe[0], stdoutPipe[1], stderrPipe[1]] { close(end) }
        for end in [stdinPipe[1], stdoutPipe[0], stderrPipe[0]] {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        return Spawned(pid: pid, stdin: stdinPipe[1], stdout: stdoutPipe[0], stderr: stderrPipe[0])
    }
}

extension ChildRun.Spawned {
    /// Feeds the input, collects both outputs until they close, kills the process group at
    /// the timeout, and reaps the child.
    func wait(input: [UInt8], timeout: Double) -> ChildRun {
        let stdoutPipe = [stdout], pid = pid
        var run = ChildRun()
        var stdinFD: Int32 = stdin, written = 0
        var open = [stdout, stderr]
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        if input.isEmpty { close(stdinFD); stdinFD = -1 }
        while !open.isEmpty || stdinFD >= 0 {
            var descriptors = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if stdinFD >= 0 { descriptors.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            let left = deadline - ContinuousClock.now
            let milliseconds = run.timedOut ? 1000 : max(0, Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 {
                if run.timedOut { break }  // killed, yet a grandchild holds the pipes: stop waiting
                run.timedOut = true
                kill(-pid, SIGKILL)
                continue
            }
            for descriptor in descriptors where descriptor.revents != 0 {
                if descriptor.fd == stdinFD {
                    let count = input[written...].withUnsafeBytes { write(stdinFD, $0.baseAddress, $0.count) }
                    if count > 0 { written += count }
                    if count < 0 && errno != EAGAIN || written == input.count { close(stdinFD); stdinFD = -1 }
                    continue
                }
                var buffer = [UInt8](repeating: 0, count: 65_536)
                let count = buffer.withUnsafeMutableBytes { read(descriptor.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if descriptor.fd == stdoutPipe[0] {
                        if run.output.count < ChildRun.outputLimit { run.output += buffer[..<count] }
                    } else if run.errors.count < ChildRun.outputLimit {
                        run.errors += buffer[..<count]
                    }
                } else if count == 0 || errno != EAGAIN {
                    close(descriptor.fd)
                    open.removeAll { $0 == descriptor.fd }
                }
            }
        }
        if stdinFD >= 0 { close(stdinFD) }
        for fd in open { close(fd) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if status & 0x7f == 0 {
            run.status = (status >> 8) & 0xff
        } else {
            run.signal = status & 0x7f
        }
        return run
    }
}
