import FoundationEssentials
import Glibc

/// The write end of the self-pipe, read by the signal handler.
/// `nonisolated(unsafe)`: written once before any handler is installed, then only read,
/// and reading an `Int32` from a signal handler is async-signal-safe.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Turns signals into bytes on a pipe that the main loop `poll()`s, so a handler does
/// nothing but `write()` (the only safe thing for it to do) and the loop decides what a
/// signal means: stop the private server, save the draft, restore the terminal.
public final class SignalPipe {
    public let readEnd: Int32
    private let watched: [Int32]

    /// Installs handlers for `signals`; every later delivery writes the signal number.
    public init(signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCONT]) {
        var ends: [Int32] = [-1, -1]
        _ = pipe(&ends)
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        signalPipeWriteEnd = ends[1]
        watched = signals
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
