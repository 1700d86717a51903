import FoundationEssentials
import Glibc
import PostDeckCore

/// Runs a program to completion with its output sent to a file.
///
/// `posix_spawn` rather than `Foundation.Process`: `pg_ctl start` leaves a daemon that
/// inherits any pipe we give it, and `Process` would then wait forever for EOF. The child
/// also gets an empty signal mask, so a blocked signal in the parent never leaks into it.
public enum Subprocess {
    public struct Failure: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let output: String
        public var description: String {
            let tail = output.split(separator: "\n").suffix(3).joined(separator: " / ")
            return "\(command) failed (exit \(status))" + (tail.isEmpty ? "" : ": \(tail)")
        }
    }

    /// Runs `arguments` (the first is the program, looked up on PATH if it has no `/`) and
    /// returns its exit status; output and errors go to `outputPath`.
    @discardableResult
    public static func run(_ arguments: [String], outputPath: String = "/dev/null", check: Bool = true,
                           environment: [String: String]? = nil) throws -> Int32 {
        let pid = try spawn(arguments, outputPath: outputPath, environment: environment)
        let exitCode = wait(pid)
        if check && exitCode != 0 {
            let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            throw Failure(command: arguments.prefix(2).joined(separator: " "), status: exitCode, output: output)
        }
        return exitCode
    }

    /// Starts `arguments` and returns without waiting for it, its output discarded: for
    /// clean-up that may outlive the caller (the test suite's `rm -rf` of its cluster).
    public static func start(_ arguments: [String]) throws {
        _ = try spawn(arguments, outputPath: "/dev/null", environment: nil)
    }

    /// Starts `arguments` and returns its process id at once; reap it with `wait`.
    /// - Parameter input: a descriptor to give the program as its standard input (default
    ///   `/dev/null`); the caller keeps its own copy.
    public static func spawn(_ arguments: [String], input: Int32? = nil, outputPath: String = "/dev/null",
                             truncate: Bool = false, environment: [String: String]? = nil) throws -> pid_t {
        try spawn(arguments, environment: environment) { actions in
            if let input {
                posix_spawn_file_actions_adddup2(&actions, input, 0)
            } else {
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            }
            posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | (truncate ? O_TRUNC : O_APPEND), 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
    }

    /// Starts `arguments` with the standard descriptors `arrange` sets up, an empty signal
    /// mask, default handling of SIGPIPE, SIGINT, SIGTERM and SIGHUP, and a process group of
    /// its own: a Ctrl-C at the terminal reaches postdeck, which then stops its children in
    /// order (the demo's server, say) instead of them dying behind its back.
    public static func spawn(_ arguments: [String], environment: [String: String]?,
                             arrange: (inout posix_spawn_file_actions_t) -> Void) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        arrange(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let variables = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { variables?.forEach { free($0) } }
        func attempt() -> Int32 {
            variables.map { posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, $0) }
                ?? posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        }
        var spawned = attempt()
        // "Text file busy": the program was just written and another process still has it open
        // for writing (a deploy in progress, or a fork elsewhere in this process). It passes.
        for _ in 0..<50 where spawned == ETXTBSY {
            usleep(20_000)
            spawned = attempt()
        }
        guard spawned == 0 else {
            throw Failure(command: arguments[0], status: 127, output: String(cString: strerror(spawned)))
        }
        return pid
    }

    /// Waits for a child to end and returns its exit status (128 + N for signal N).
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return exitCode(status)
    }

    /// Waits up to `timeout` for a child to end; nil if it is still running.
    public static func wait(_ pid: pid_t, timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return exitCode(status) }
            if result < 0 && errno != EINTR { return nil }
            if ContinuousClock.now >= deadline { return nil }
            usleep(20_000)
        }
    }

    private static func exitCode(_ status: Int32) -> Int32 {
        (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Runs a program and returns what it printed (for short answers such as `pg_config --bindir`).
    public static func output(_ arguments: [String]) -> String? {
        let path = FilePaths.temporaryDirectory() + "postdeck-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(path) }
        guard (try? run(arguments, outputPath: path, check: true)) != nil else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }
}
