import FoundationEssentials
import Glibc
import PostDeckCore
import TerminalUI

/// Finds and loads the theme for `--theme NAME|PATH`.
///
/// A spec containing `/` or ending in `.toml` is a path. A name is looked up as
/// `NAME.toml` in, in order: `$XDG_CONFIG_HOME/postdeck/themes` (default
/// `~/.config/postdeck/themes`), the `themes/` folder shipped with the program (found
/// by walking up from the executable, and `<prefix>/share/postdeck/themes`), then the
/// themes compiled in. `inherits` is resolved the same way (relative paths against the
/// inheriting file). Without a spec the theme is `default`, or `mono` when `NO_COLOR`
/// is set. A broken theme never stops the program: the result carries the error and
/// the default theme.
public struct ThemeLoader: Sendable {
    public struct Result: Sendable {
        public var theme: Theme
        /// What went wrong, to show to the user; nil when the theme loaded.
        public var error: ThemeError?
        /// Where the theme came from: a path, or "built-in".
        public var origin: String
    }

    public var environment: [String: String]
    /// The running executable, for finding the shipped themes.
    public var executablePath: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                executablePath: String? = ThemeLoader.currentExecutable()) {
        self.environment = environment
        self.executablePath = executablePath
    }

    /// The path of the running executable (`/proc/self/exe`, else `argv[0]`).
    public static func currentExecutable() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return CommandLine.arguments.first
    }

    /// The compiled-in default theme (never fails: a test guards its source).
    public static var builtinDefault: Theme {
        let source = BuiltinThemes.defaultTheme
        return (try? ThemeParser.resolve([ThemeParser.parse(source, file: "built-in default", catalog: .postdeck)], name: "default"))
            ?? Theme(name: "default", roles: [:], catalog: .postdeck)
    }

    /// Folders searched for `NAME.toml`, in order.
    public func searchDirectories() -> [String] {
        var dirs: [String] = []
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/"
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        dirs.append(config + "/postdeck/themes")
        if let exe = executablePath {
            var dir = Self.parent(of: exe)
            if !dir.hasPrefix("/") { dir = FileManager.default.currentDirectoryPath + "/" + dir }
            let prefix = Self.standardized(Self.parent(of: dir))
            var current = Self.standardized(dir)
            while true {
                let candidate = current + "/themes"
                if isDirectory(candidate), !dirs.contains(candidate) { dirs.append(candidate) }
                let parent = Self.parent(of: current)
                if parent == current || parent.isEmpty { break }
                current = parent
            }
            dirs.append(prefix + "/share/postdeck/themes")
        }
        return dirs
    }

    // Path text without NSString's methods, which would link the full Foundation library.

    /// `/a/b` for `/a/b/c`, `/` for `/a`, `""` for a bare name.
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// An absolute path without `.`, `..` or repeated slashes.
    static func standardized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `~` and `~/x` against `$HOME`.
    private func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty else { return path }
        return home + path.dropFirst()
    }

    private func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Loads the theme for `spec` (nil: the default, or mono under `NO_COLOR`).
    public func load(_ spec: String?) -> Result {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let wanted = spec.flatMap { $0.isEmpty ? nil : $0 } ?? (noColor ? "mono" : "default")
        do throws(ThemeError) {
            var chain: [ThemeFile] = []
            var seen: Set<String> = []
            var next: (spec: String, relativeTo: String?)? = (wanted, nil)
            var origin = "built-in"
            while let (currentSpec, base) = next {
                let (source, file) = try locate(currentSpec, relativeTo: base)
                if chain.isEmpty { origin = file }
                guard seen.insert(file).inserted, chain.count < 8 else {
                    throw ThemeError(file: file, key: "inherits", message: "inheritance loop")
                }
                let parsed = try ThemeParser.parse(source, file: file, catalog: .postdeck)
                chain.insert(parsed, at: 0)
                next = parsed.inherits.map { ($0, file) }
            }
            let name = chain.last?.name ?? wanted
            return Result(theme: try ThemeParser.resolve(chain, name: name), error: nil, origin: origin)
        } catch {
            return Result(theme: ThemeLoader.builtinDefault, error: error, origin: "built-in")
        }
    }

    /// The source text and display path of a theme spec.
    func locate(_ spec: String, relativeTo base: String?) throws(ThemeError) -> (String, String) {
        if spec.contains("/") || spec.hasSuffix(".toml") {
            let expanded = expandingTilde(spec)
            var path = expanded
            if !path.hasPrefix("/"), let base, base.contains("/") {
                path = Self.parent(of: base) + "/" + path
            }
            guard let text = try read(path, shownAs: spec) else { throw ThemeError(file: spec, message: "cannot read theme file: no such file") }
            return (text, path == expanded ? spec : path)
        }
        for dir in searchDirectories() {
            let path = dir + "/" + spec + ".toml"
            if let text = try read(path, shownAs: path) { return (text, path) }
        }
        if let builtin = BuiltinThemes.source(named: spec) { return (builtin, "built-in \(spec)") }
        let known = availableThemes().joined(separator: ", ")
        throw ThemeError(file: spec, message: "no such theme (available: \(known))")
    }

    /// Names of every theme that `load` can find by name.
    public func availableThemes() -> [String] {
        var names = Set(BuiltinThemes.names)
        for dir in searchDirectories() {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where file.hasSuffix(".toml") {
                names.insert(String(file.dropLast(5)))
            }
        }
        return names.sorted()
    }

    /// The largest theme file read: a theme is a few kilobytes; more is not a theme.
    public static let largestFile: UInt64 = 256 * 1024

    /// The file's text; nil when there is no such file. A folder, FIFO or device of that
    /// name is refused without being opened (a FIFO would block the start forever).
    private func read(_ path: String, shownAs name: String) throws(ThemeError) -> String? {
        do throws(RegularFile.Problem) {
            return try RegularFile.text(of: path, limit: Self.largestFile)
        } catch .missing {
            return nil
        } catch {
            throw ThemeError(file: name, message: "cannot read theme file: it \(error.description)")
        }
    }
}
