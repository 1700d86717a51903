/// A problem with a theme file, worded as the one line the user sees:
/// `themes/x.toml:12: roles.post.failed: unknown colour "redd"`.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as the user named it or as it was found.
    public var file: String
    public var line: Int?
    /// The dotted key the problem is at (`roles.post.failed`), when there is one.
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// One line, whatever the file held: its values are shown the way the UI shows text.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "\(key): " }
        return Sanitizer.singleLine(text + message)
    }
}

/// Finds the line of a key in TOML source, for error messages about values TOML
/// itself accepted (an unknown colour, an unknown role). Handles `[table]` headers,
/// quoted and dotted keys; good enough for theme files, not a TOML parser.
enum SourceLines {
    static func line(of key: String, in table: String, source: String) -> Int? {
        var current = ""
        for (index, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingWhitespace()
            if line.hasPrefix("[") && !line.hasPrefix("[[") {
                current = normalize(String(line.dropFirst().prefix { $0 != "]" }))
                if !table.isEmpty, current == table + "." + key { return index + 1 }
                continue
            }
            guard current == table, let eq = line.firstIndex(of: "=") else { continue }
            if normalize(String(line[..<eq])) == key { return index + 1 }
        }
        return nil
    }

    /// The line of every key (`roles.post.failed`) and table header, read in one pass: what
    /// `line(of:in:source:)` finds for each, without reading the source again per key.
    static func index(_ source: String) -> [String: Int] {
        var lines: [String: Int] = [:]
        var current = ""
        for (index, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingWhitespace()
            if line.hasPrefix("[") && !line.hasPrefix("[[") {
                current = normalize(String(line.dropFirst().prefix { $0 != "]" }))
                if lines[current] == nil { lines[current] = index + 1 }
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = normalize(String(line[..<eq]))
            let path = current.isEmpty ? key : current + "." + key
            if lines[path] == nil { lines[path] = index + 1 }
        }
        return lines
    }

    /// `"post.failed"`, `post.failed` and `post . failed` all become `post.failed`.
    static func normalize(_ key: String) -> String {
        String(key.filter { $0 != "\"" && $0 != "'" && $0 != " " && $0 != "\t" })
    }
}
