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
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

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
        // Own process group: a Ctrl-C at the terminal reaches postdeck, which then stops
        // the server in order, instead of killing the server behind its back.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let variables = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { variables?.forEach { free($0) } }
        let spawned = variables.map { posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, $0) }
            ?? posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw Failure(command: arguments[0], status: 127, output: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        if check && exitCode != 0 {
            let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            throw Failure(command: arguments.prefix(2).joined(separator: " "), status: exitCode, output: output)
        }
        return exitCode
    }

    /// Runs a program and returns what it printed (for short answers such as `pg_config --bindir`).
    public static func output(_ arguments: [String]) -> String? {
        let path = FilePaths.temporaryDirectory() + "postdeck-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(path) }
        guard (try? run(arguments, outputPath: path, check: true)) != nil else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }
}
