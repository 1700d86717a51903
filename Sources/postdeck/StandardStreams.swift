import FoundationEssentials
import Glibc

/// stderr and stdin without `FileHandle`, which lives in the full Foundation library (one
/// use links all of it, with ICU, into the release binary: see PostDeckCore/FilePaths.swift).
enum StandardStreams {
    /// Writes `text` to stderr, all of it.
    static func error(_ text: String) {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { return }
            written += result
        }
    }

    /// Everything on stdin, byte for byte.
    static func readInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer.prefix(count)
        }
        return bytes
    }
}
