import FoundationEssentials
import Glibc
import PostDeckCore
import Synchronization

/// Marks of where start-up spends its time, from `main` to the first frame that shows
/// data from the database, written to the file `POSTDECK_STARTUP_TRACE` names (nothing is
/// recorded without it). `postdeck bench` reads it to time the binary in a real terminal;
/// docs/PERFORMANCE.md has a profile made with it.
///
/// Each line is a mark's name and its wall-clock time in nanoseconds since 1970, so that a
/// caller can measure from before the process existed (the bench stamps the moment before
/// `exec`).
public enum StartupTrace {
    private static let path = ProcessInfo.processInfo.environment["POSTDECK_STARTUP_TRACE"].flatMap { $0.isEmpty ? nil : $0 }
    private static let marks = Mutex<[(String, Int64)]?>([])

    /// Notes that start-up reached `label`.
    public static func mark(_ label: String) {
        guard path != nil else { return }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let stamp = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        marks.withLock { $0?.append((label, stamp)) }
    }

    /// Writes the marks (once; later marks are ignored).
    public static func finish() {
        guard let path, let recorded = marks.withLock({ marks in defer { marks = nil }; return marks }) else { return }
        let text = recorded.map { "\($0.0)\t\($0.1)\n" }.joined()
        try? FilePaths.writeAtomically(Array(text.utf8), to: path)
    }
}
