import FoundationEssentials
import Glibc

/// A file a user named (media, a theme, the config file, `--content-file`), opened so that
/// nothing can make postdeck hang or read without end:
///
/// - the path is checked with `stat` first, and anything but a regular file (a folder, a
///   FIFO, a device such as `/dev/zero`, a socket) is refused before it is opened;
/// - it is then opened with `O_NONBLOCK` and checked again with `fstat`, so a file swapped
///   for a FIFO between the two checks cannot block the open either;
/// - every read is a `pread` of a bounded count at a given offset.
public final class RegularFile {
    /// Why a file cannot be read; each description is a phrase to put after the file's name.
    public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        case missing
        /// Not a regular file; `kind` says what it is ("a folder", "a named pipe (FIFO)", ...).
        case notRegular(kind: String)
        case unreadable(reason: String)
        /// Larger than the caller accepts.
        case tooLarge(size: UInt64, limit: UInt64)

        public var description: String {
            switch self {
            case .missing: "no such file"
            case .notRegular(let kind): "is \(kind), not a regular file"
            case .unreadable(let reason): "cannot be read (\(reason))"
            case .tooLarge(let size, let limit):
                "is \(MetricFormat.bytes(Int64(clamping: size))), more than the \(MetricFormat.bytes(Int64(clamping: limit))) postdeck reads from such a file"
            }
        }
    }

    private let descriptor: Int32
    /// The size when it was opened.
    public let size: UInt64

    /// Opens `path` for reading if it is a regular file.
    public init(path: String) throws(Problem) {
        var status = stat()
        guard stat(path, &status) == 0 else { throw Self.problem(errno) }
        try Self.requireRegular(status.st_mode)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw Self.problem(errno) }
        guard fstat(fd, &status) == 0 else {
            let code = errno
            close(fd)
            throw Self.problem(code)
        }
        do { try Self.requireRegular(status.st_mode) } catch {
            close(fd)
            throw error
        }
        descriptor = fd
        size = UInt64(max(0, status.st_size))
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes from `offset`: fewer at the end of the file, none past it or on error.
    public func read(at offset: UInt64, count: Int) -> [UInt8] {
        guard count > 0, offset < size, offset <= UInt64(Int64.max) else { return [] }
        let wanted = Int(min(UInt64(count), size - offset))
        var bytes = [UInt8](repeating: 0, count: wanted)
        var filled = 0
        while filled < wanted {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + filled, wanted - filled, off_t(offset) + off_t(filled))
            }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            filled += got
        }
        return Array(bytes.prefix(filled))
    }

    /// The whole file, if it is a regular file of at most `limit` bytes.
    public static func contents(of path: String, limit: UInt64) throws(Problem) -> [UInt8] {
        let file = try RegularFile(path: path)
        guard file.size <= limit else { throw .tooLarge(size: file.size, limit: limit) }
        return file.read(at: 0, count: Int(file.size))
    }

    /// The whole file as text (invalid UTF-8 shown as U+FFFD), if it is a regular file of at most `limit` bytes.
    public static func text(of path: String, limit: UInt64) throws(Problem) -> String {
        String(decoding: try contents(of: path, limit: limit), as: UTF8.self)
    }

    private static func requireRegular(_ mode: mode_t) throws(Problem) {
        switch mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw .notRegular(kind: "a folder")
        case S_IFIFO: throw .notRegular(kind: "a named pipe (FIFO)")
        case S_IFCHR, S_IFBLK: throw .notRegular(kind: "a device")
        case S_IFSOCK: throw .notRegular(kind: "a socket")
        default: throw .notRegular(kind: "a special file")
        }
    }

    private static func problem(_ code: Int32) -> Problem {
        switch code {
        case ENOENT, ENOTDIR: .missing
        case EACCES, EPERM: .unreadable(reason: "permission denied")
        default: .unreadable(reason: String(cString: strerror(code)).lowercased())
        }
    }
}
