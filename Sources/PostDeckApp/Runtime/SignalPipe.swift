import FoundationEssentials
import Glibc

/// The write end of the self-pipe, read by the signal handler.
/// `nonisolated(unsafe)`: written once before any handler is installed, then only read,
/// and reading an `Int32` from a signal handler is async-signal-safe.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Turns signals into bytes on a pipe that the main loop `poll()`s, so a handler does
/// nothing but `write()` (the only safe thing for it to do) and the loop decides what a
/// signal means: stop the private server, save the draft, restore the terminal.
public final class SignalPipe: Sendable {
    public let readEnd: Int32
    private let writeEnd: Int32
    private let watched: [Int32]

    /// Installs handlers for `signals`; every later delivery writes the signal number.
    /// With no signals (an in-process test's UI) the process's handlers are left alone and
    /// nothing ever arrives.
    public init(signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCONT]) {
        let ends = Self.makePipe()
        readEnd = ends.read
        writeEnd = ends.write
        watched = signals
        guard !signals.isEmpty else { return }
        signalPipeWriteEnd = ends.write
        for number in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                let saved = errno
                _ = write(signalPipeWriteEnd, &byte, 1)
                errno = saved
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
        // A closed terminal or pager must not kill us with SIGPIPE mid-write.
        signal(SIGPIPE, SIG_IGN)
    }

    /// A pipe that no handler writes to is closed with its owner; one that handlers write
    /// to stays open for the life of the process.
    deinit {
        guard watched.isEmpty else { return }
        close(readEnd)
        close(writeEnd)
    }

    /// A pipe whose ends never block and are closed in programs we start: the loop's way to
    /// be woken from a signal handler or another thread.
    static func makePipe() -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        _ = pipe(&ends)
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        return (ends[0], ends[1])
    }

    /// Signals delivered since the last call, oldest first. Never blocks.
    public func drain() -> [Int32] {
        var result: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            if count <= 0 { break }
            result += buffer[0..<count].map { Int32($0) }
        }
        return result
    }

    /// Waits until one of the signals arrives (for commands without a UI).
    public func wait(timeout milliseconds: Int32 = -1) -> [Int32] {
        var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        while poll(&descriptor, 1, milliseconds) < 0 && errno == EINTR {}
        return drain()
    }

    /// Puts the default actions back (before exiting through a signal, for example).
    public func restoreDefaults() {
        for number in watched { signal(number, SIG_DFL) }
    }
}
