import FoundationEssentials
import Glibc
import PostDeckCore
import Logging
import TerminalUI

/// Ctrl-e in the composer: the text goes to a private temp file, the terminal is given to
/// `$VISUAL` (else `$EDITOR`, else `vi`) until it exits, and the file is read back.
enum ExternalEditor {
    /// The edited text, or nil when the editor could not run or failed.
    static func edit(_ text: String, backend: any TerminalScreen, logger: Logger,
                     environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var template = Array((FilePaths.temporaryDirectory(environment: environment) + "postdeck-XXXXXX.txt").utf8CString)
        let fd = mkstemps(&template, 4)
        guard fd >= 0 else { logger.error("cannot create a temp file for the editor"); return nil }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        _ = fchmod(fd, 0o600)
        let data = Array((text + "\n").utf8)
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == data.count else { return nil }

        let command = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        backend.suspend()
        defer { backend.resume() }
        let status = run(["/bin/sh", "-c", command + " \"$1\"", "sh", path])
        guard status == 0 else {
            logger.warning("editor \(command) exited with \(status)")
            return nil
        }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// Runs a program on the terminal and waits: inherited descriptors, default signal
    /// handling and an empty mask in the child (ours blocks nothing, but be sure).
    private static func run(_ arguments: [String]) -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCONT, SIGPIPE, SIGTSTP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], nil, &attributes, argv, environ) == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
