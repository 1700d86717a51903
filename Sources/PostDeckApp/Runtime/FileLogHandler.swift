import FoundationEssentials
import Glibc
import PostDeckCore
import Logging

/// Writes log lines to `postdeck.log` (mode 0600) instead of the terminal, which belongs
/// to the UI. Callers log connection names (`user@host:port/db`), never conninfo strings,
/// so passwords cannot reach the file.
struct FileLogHandler: LogHandler {
    /// One open descriptor shared by every logger of the process.
    /// `@unchecked Sendable`: `write(2)` with `O_APPEND` is atomic per call; nothing else is mutated.
    final class Sink: @unchecked Sendable {
        let descriptor: Int32
        init?(path: String) {
            let directory = FilePaths.parent(of: path)
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
            descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            if descriptor < 0 { return nil }
            fchmod(descriptor, 0o600)
        }
        deinit { close(descriptor) }
        func write(_ line: String) {
            var bytes = Array(line.utf8)
            _ = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        }
    }

    let sink: Sink?
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        guard let sink else { return }
        let stamp = Date().formatted(.iso8601)
        let message = "\(event.message)".replacingLineBreaks()
        sink.write("\(stamp) \(event.level) [\(label)] \(message)\n")
    }

    /// Logs of this process go to `directory/postdeck.log`.
    static func bootstrap(directory: String) {
        let sink = Sink(path: directory + "/postdeck.log")
        LoggingSystem.bootstrap { label in FileLogHandler(sink: sink, label: label) }
    }
}
