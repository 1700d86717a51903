import FoundationEssentials
import Glibc

/// The bytes of a file to import, read whole but bounded. A path that is not a regular file
/// (a folder, a FIFO, a device) is refused before it is opened, so reading can never block
/// or run forever; standard input is read up to the same limit.
public enum ImportSource {
    /// More than a year of posts for many clients; a bigger file is split.
    public static let byteLimit = 64 << 20

    /// The file at `path` (`~/` is the home directory), or `-` for standard input.
    public static func read(_ path: String, limit: Int = byteLimit,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(ImportSourceError) -> [UInt8] {
        if path == "-" { return try read(descriptor: STDIN_FILENO, name: "standard input", limit: limit) }
        let expanded = PathCompletion.expandHome(path, home: environment["HOME"] ?? "/")
        var info = stat()
        guard stat(expanded, &info) == 0 else { throw ImportSourceError(path: path, reason: .system(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw ImportSourceError(path: path, reason: .notARegularFile) }
        guard info.st_size <= off_t(limit) else { throw ImportSourceError(path: path, reason: .tooLarge(limit: limit)) }
        let descriptor = open(expanded, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw ImportSourceError(path: path, reason: .system(errno)) }
        defer { close(descriptor) }
        return try read(descriptor: descriptor, name: path, limit: limit)
    }

    private static func read(descriptor: Int32, name: String, limit: Int) throws(ImportSourceError) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ImportSourceError(path: name, reason: .system(errno))
            }
            if count == 0 { return bytes }
            guard bytes.count <= limit - count else { throw ImportSourceError(path: name, reason: .tooLarge(limit: limit)) }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }
}

/// Why a file could not be read, in one line.
public struct ImportSourceError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        case system(Int32)
        case notARegularFile
        case tooLarge(limit: Int)
    }

    public let path: String
    public let reason: Reason

    public var description: String {
        switch reason {
        case .system(let code): "cannot read \(path): \(String(cString: strerror(code)).lowercased())"
        case .notARegularFile: "cannot read \(path): not a regular file (a folder, a pipe or a device)"
        case .tooLarge(let limit): "cannot read \(path): larger than \(limit >> 20) MB; split the file"
        }
    }
}
