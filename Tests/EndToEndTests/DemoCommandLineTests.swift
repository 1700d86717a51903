import Foundation
import Testing
import PostDeckStore

/// `postdeck demo --server-only` as a script uses it: read the connection string from a
/// pipe while the server runs, use the database, stop it with SIGTERM.
@Suite struct DemoCommandLineTests {
    /// The running demo, its stdout the write end of a pipe we read.
    struct Demo {
        let pid: pid_t
        let output: Int32

        static func start() throws -> Demo {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addclose(&actions, ends[0])
            posix_spawn_file_actions_addclose(&actions, ends[1])
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var noSignals = sigset_t()
            sigemptyset(&noSignals)
            posix_spawnattr_setsigmask(&attributes, &noSignals)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
            let arguments = [TerminalSession.binary, "demo", "--server-only"]
            let environment = ["PATH=\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")", "LANG=C.UTF-8",
                               "HOME=\(NSTemporaryDirectory())"]
            let argv = arguments.map { strdup($0) } + [nil]
            let envp = environment.map { strdup($0) } + [nil]
            defer { (argv + envp).forEach { free($0) } }
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
            close(ends[1])
            guard spawned == 0 else { close(ends[0]); throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT) }
            return Demo(pid: pid, output: ends[0])
        }

        /// What the demo printed up to its line starting with `prefix`; nil if it ended first or
        /// printed nothing for `patience` seconds (a guard against hanging, not a measurement).
        func readUntil(lineStartingWith prefix: String, patience: Int32 = 300) -> String? {
            var text = ""
            var buffer = [UInt8](repeating: 0, count: 4_096)
            while !text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().contains(where: { $0.hasPrefix(prefix) }) {
                var ready = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
                guard poll(&ready, 1, patience * 1_000) == 1 else { return nil }
                let count = read(output, &buffer, buffer.count)
                guard count > 0 else { return nil }
                text += String(decoding: buffer[0..<count], as: UTF8.self)
            }
            return text
        }

        /// Sends SIGTERM and returns the exit status.
        func stop() -> Int32 {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            close(output)
            return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        }
    }

    @Test func serverOnlyPrintsItsConnectionStringAtOnceIntoAPipe() throws {
        let demo = try Demo.start()
        var stopped = false
        defer { if !stopped { _ = demo.stop() } }
        let printed = try #require(demo.readUntil(lineStartingWith: "connect with: psql "),
                                   "the connection string reaches the pipe while the demo runs")
        let line = try #require(printed.split(separator: "\n").first { $0.hasPrefix("connect with: psql ") })
        let conninfo = String(line.dropFirst("connect with: psql \"".count).dropLast())
        do {
            let db = try Connection(conninfo: conninfo)
            #expect(try db.execute("SELECT count(*)::int AS n FROM posts").first?.decode("n", as: Int.self) ?? 0 > 0)
        }
        let socketDirectory = try #require(conninfo.split(separator: " ").first { $0.hasPrefix("host=") }).dropFirst("host=".count)
        #expect(FileManager.default.fileExists(atPath: String(socketDirectory)))
        stopped = true
        #expect(demo.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: String(socketDirectory)), "the private cluster is removed on SIGTERM")
    }
}
