import FoundationEssentials
import Glibc

/// Path text and the few places the environment names, without `NSString`'s path methods,
/// `NSHomeDirectory` or `NSTemporaryDirectory`: those live in the full Foundation library,
/// which one use links (with ICU) into the release binary (see Text+Essentials.swift).
public enum FilePaths {
    /// Whether `path` (following links) is a directory; false when it does not exist.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// `$HOME`, else the user's home from the password database, else `/`.
    public static func home(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir { return String(cString: directory) }
        return "/"
    }

    /// `$TMPDIR` (else `/tmp`), ending with a slash so that a name can follow it.
    public static func temporaryDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let directory = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return directory.hasSuffix("/") ? directory : directory + "/"
    }

    /// `~` and `~/x` expanded against the home directory.
    public static func expandingTilde(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        PathCompletion.expandHome(path, home: home(environment: environment))
    }

    /// The directory part: `/a/b` for `/a/b/c`, `/` for `/a`, `""` for a bare name.
    public static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// Writes `bytes` to `path` through a temporary file beside it renamed into place, so
    /// that a reader never sees half a file. Throws the system's error number.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(FileWriteError) {
        var template = Array((path + ".XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw FileWriteError(code: errno) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { break }
            written += result
        }
        let failure = written == bytes.count ? (fchmod(descriptor, mode) == 0 ? 0 : errno) : errno
        Glibc.close(descriptor)
        guard failure == 0, rename(temporary, path) == 0 else {
            let code = failure != 0 ? failure : errno
            unlink(temporary)
            throw FileWriteError(code: code)
        }
    }

    /// The extension of the last component, without its dot (`"mp4"`), or `""`.
    public static func pathExtension(of path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }
}

/// A file that could not be written, with the system's reason ("permission denied").
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public var description: String { String(cString: strerror(code)).lowercased() }
}
