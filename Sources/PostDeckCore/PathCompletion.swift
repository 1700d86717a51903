import FoundationEssentials

/// Shell-like `Tab` completion of a file path, for the composer's media field.
///
/// `~` and `~/…` are expanded against `home`. The part after the last `/` is completed
/// against the entries of the directory before it (the current directory when there is
/// no `/`): one match is completed in full, several are completed to their common prefix
/// and returned as candidates. Directories get a trailing `/`. Hidden entries are only
/// offered when the typed name starts with `.`.
public enum PathCompletion {
    public struct Result: Hashable, Sendable {
        /// The field's new text.
        public let text: String
        /// The matching entry names (directories with a trailing `/`), sorted; empty when
        /// the completion was unique or nothing matched.
        public let candidates: [String]
        /// How many entries matched (0: nothing to complete).
        public let matchCount: Int
    }

    public static func complete(_ text: String, home: String?, fileManager: FileManager = .default) -> Result {
        let expanded = expandHome(text, home: home)
        let slash = expanded.lastIndex(of: "/")
        let directory = slash.map { String(expanded[...$0]) } ?? ""
        let prefix = slash.map { String(expanded[expanded.index(after: $0)...]) } ?? expanded
        let listed = directory.isEmpty ? fileManager.currentDirectoryPath : directory
        let entries = (try? fileManager.contentsOfDirectory(atPath: listed)) ?? []
        let matches = entries
            .filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }
            .sorted()
        func isDirectory(_ name: String) -> Bool {
            FilePaths.isDirectory((listed.hasSuffix("/") ? listed : listed + "/") + name)
        }
        switch matches.count {
        case 0:
            return Result(text: expanded, candidates: [], matchCount: 0)
        case 1:
            let name = matches[0]
            return Result(text: directory + name + (isDirectory(name) ? "/" : ""), candidates: [], matchCount: 1)
        default:
            let common = matches.dropFirst().reduce(matches[0]) { commonPrefix($0, $1) }
            return Result(text: directory + common, candidates: matches.map { isDirectory($0) ? $0 + "/" : $0 },
                          matchCount: matches.count)
        }
    }

    /// `~` → `home/`, `~/x` → `home/x`; anything else (including `~user`) unchanged.
    public static func expandHome(_ text: String, home: String?) -> String {
        guard let home, !home.isEmpty else { return text }
        let base = home.hasSuffix("/") ? String(home.dropLast()) : home
        if text == "~" { return base + "/" }
        if text.hasPrefix("~/") { return base + text.dropFirst() }
        return text
    }

    /// The longest common prefix, by whole characters (never splitting an emoji or accent).
    static func commonPrefix(_ a: String, _ b: String) -> String {
        String(zip(a, b).prefix { $0 == $1 }.map(\.0))
    }
}
