import TOMLKit

/// A theme file as written, before inheritance and before colour names are resolved
/// (a role may name a palette entry that only a parent theme defines).
public struct ThemeFile: Sendable {
    /// A role definition with colours still as written.
    public struct RoleEntry: Sendable {
        public var fg: String?
        public var bg: String?
        public var attributes: RoleStyle
        public var line: Int?
        /// The file that defined it, for errors found after inheritance.
        public var file: String
    }

    public var file: String
    public var name: String?
    public var inherits: String?
    public var palette: [String: Color]
    public var roles: [Role: RoleEntry]
    /// The roles the file was read against.
    public var catalog: RoleCatalog
}

/// Reads theme TOML (format in docs/THEMES.md) and turns a chain of theme files into a
/// `Theme`. Every error names file, line and key.
public enum ThemeParser {
    static let attributeKeys: Set<String> = ["fg", "bg", "bold", "underline", "reverse", "dim", "italic"]

    /// Parses one file's text; its `[roles]` may name the roles of `catalog`. `file` is
    /// only used in error messages.
    public static func parse(_ source: String, file: String, catalog: RoleCatalog) throws(ThemeError) -> ThemeFile {
        let table: TOMLTable
        do throws(TOMLReader.Failure) {
            table = try TOMLReader.table(source)
        } catch {
            throw ThemeError(file: file, line: error.line, message: error.message)
        }
        func fail(_ key: String, in tableName: String, _ message: String) -> ThemeError {
            let dotted = tableName.isEmpty ? key : "\(tableName).\(key)"
            return ThemeError(file: file, line: SourceLines.line(of: key, in: tableName, source: source), key: dotted, message: message)
        }

        var result = ThemeFile(file: file, name: nil, inherits: nil, palette: [:], roles: [:], catalog: catalog)
        for key in table.keys {
            guard let value = table[key] else { continue }
            switch key {
            case "name":
                guard let s = value.string else { throw fail(key, in: "", "expected a string") }
                result.name = s
            case "inherits":
                guard let s = value.string else { throw fail(key, in: "", "expected a theme name or path") }
                result.inherits = s
            case "palette":
                guard let palette = value.table else { throw fail(key, in: "", "expected a table") }
                for name in palette.keys {
                    guard let entry = palette[name] else { continue }
                    guard let color = colorLiteral(entry) else {
                        throw fail(name, in: "palette", "unknown colour \(describe(entry)) (use \"#rrggbb\", 0-255 or an ANSI name)")
                    }
                    result.palette[name] = color
                }
            case "roles":
                guard let roles = value.table else { throw fail(key, in: "", "expected a table") }
                try parseRoles(roles, prefix: "", depth: 0, into: &result, fail: fail, lines: SourceLines.index(source))
            default:
                throw fail(key, in: "", "unknown key (expected name, inherits, [palette] or [roles])")
            }
        }
        return result
    }

    /// How deep dotted role names nest (`post.status.failed` is 3): the walk into nested
    /// tables stops there, however deep a file nests them.
    static let deepestRole = 4

    private static func parseRoles(_ table: TOMLTable, prefix: String, depth: Int, into result: inout ThemeFile,
                                   fail: (String, String, String) -> ThemeError, lines: [String: Int]) throws(ThemeError) {
        for key in table.keys {
            guard let value = table[key] else { continue }
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            guard let role = result.catalog.role(named: path) else {
                // A dotted key written without quotes nests tables: walk into them.
                if depth < deepestRole, let nested = value.table, !Set(nested.keys).isSubset(of: attributeKeys) {
                    try parseRoles(nested, prefix: path, depth: depth + 1, into: &result, fail: fail, lines: lines)
                    continue
                }
                throw fail(path, "roles", "unknown role (known: \(result.catalog.roles.map(\.description).joined(separator: ", ")))")
            }
            let line = lines["roles." + path]
            var entry = ThemeFile.RoleEntry(fg: nil, bg: nil, attributes: RoleStyle(), line: line, file: result.file)
            if let colour = value.string {
                entry.fg = colour
            } else if let style = value.table {
                for attribute in style.keys {
                    guard let v = style[attribute] else { continue }
                    switch attribute {
                    case "fg", "bg":
                        guard let text = v.string ?? v.int.map(String.init) else {
                            throw fail(path, "roles", "\(attribute) must be a colour name or number")
                        }
                        if attribute == "fg" { entry.fg = text } else { entry.bg = text }
                    case "bold", "underline", "reverse", "dim", "italic":
                        guard let flag = v.bool else { throw fail(path, "roles", "\(attribute) must be true or false") }
                        switch attribute {
                        case "bold": entry.attributes.bold = flag
                        case "underline": entry.attributes.underline = flag
                        case "reverse": entry.attributes.reverse = flag
                        case "dim": entry.attributes.dim = flag
                        default: entry.attributes.italic = flag
                        }
                    default:
                        throw fail(path, "roles", "unknown property \"\(attribute)\" (expected fg, bg, bold, underline, reverse, dim, italic)")
                    }
                }
            } else if let index = value.int {
                entry.fg = String(index)
            } else {
                throw fail(path, "roles", "expected a colour or a table like { fg = \"red\", bold = true }")
            }
            result.roles[role] = entry
        }
    }

    private static func colorLiteral(_ value: TOMLValueConvertible) -> Color? {
        if let text = value.string { return Color(parsing: text) }
        if let n = value.int, (0...255).contains(n) { return .indexed(UInt8(n)) }
        return nil
    }

    private static func describe(_ value: TOMLValueConvertible) -> String {
        if let s = value.string { return "\"\(s)\"" }
        return "\(value)"
    }

    /// Builds a theme from a chain of files, base first (`[default, light]`): palettes
    /// merge (later entries win), role definitions replace the parent's, then colour
    /// names resolve against the merged palette, then ANSI names and literals.
    public static func resolve(_ chain: [ThemeFile], name: String) throws(ThemeError) -> Theme {
        var palette: [String: Color] = [:]
        var entries: [Role: ThemeFile.RoleEntry] = [:]
        for file in chain {
            palette.merge(file.palette) { _, new in new }
            entries.merge(file.roles) { _, new in new }
        }
        var roles: [Role: RoleStyle] = [:]
        for (role, entry) in entries {
            var style = entry.attributes
            for (which, text) in [("fg", entry.fg), ("bg", entry.bg)] {
                guard let text else { continue }
                guard let color = palette[text] ?? Color(parsing: text) else {
                    throw ThemeError(file: entry.file, line: entry.line, key: "roles.\(role)",
                                     message: "unknown colour \"\(text)\" in \(which) (not in [palette], not \"#rrggbb\", 0-255 or an ANSI name)")
                }
                if which == "fg" { style.fg = color } else { style.bg = color }
            }
            roles[role] = style
        }
        return Theme(name: name, roles: roles, catalog: chain.last?.catalog ?? .widgets)
    }
}
