/// A role's definition as written in a theme: every property is optional, and a
/// missing one is taken from the role's parent (`RoleCatalog.parent(of:)`), so `post.failed`
/// falls back to `error`, which falls back to `text`.
public struct RoleStyle: Hashable, Sendable {
    public var fg: Color?
    public var bg: Color?
    public var bold: Bool?
    public var underline: Bool?
    public var reverse: Bool?
    public var dim: Bool?
    public var italic: Bool?

    public init(fg: Color? = nil, bg: Color? = nil, bold: Bool? = nil, underline: Bool? = nil,
                reverse: Bool? = nil, dim: Bool? = nil, italic: Bool? = nil) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
        self.italic = italic
    }
}

/// What the backend draws for a role: concrete colours and attributes.
public struct ResolvedStyle: Hashable, Sendable {
    public var fg: Color = .default
    public var bg: Color = .default
    public var bold = false
    public var underline = false
    public var reverse = false
    public var dim = false
    public var italic = false

    public init(fg: Color = .default, bg: Color = .default, bold: Bool = false, underline: Bool = false,
                reverse: Bool = false, dim: Bool = false, italic: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
        self.italic = italic
    }
}

/// A colour theme: every role of its `RoleCatalog` resolved to colours and attributes.
/// Built from a theme file by `ThemeParser`/`ThemeLoader`, or in code from a role table.
public struct Theme: Sendable, Equatable {
    public let name: String
    /// The roles this theme knows: the widget library's and the program's own.
    public let catalog: RoleCatalog
    /// The definitions as written (after inheritance), before fallback.
    public let definitions: [Role: RoleStyle]
    private let resolved: [Role: ResolvedStyle]

    public init(name: String, roles: [Role: RoleStyle], catalog: RoleCatalog) {
        self.name = name
        self.catalog = catalog
        self.definitions = roles
        var resolved: [Role: ResolvedStyle] = [:]
        func resolve(_ role: Role) -> ResolvedStyle {
            if let done = resolved[role] { return done }
            let base = catalog.parent(of: role).map(resolve) ?? ResolvedStyle()
            let own = roles[role] ?? RoleStyle()
            let result = ResolvedStyle(
                fg: own.fg ?? base.fg, bg: own.bg ?? base.bg, bold: own.bold ?? base.bold,
                underline: own.underline ?? base.underline, reverse: own.reverse ?? base.reverse,
                dim: own.dim ?? base.dim, italic: own.italic ?? base.italic)
            resolved[role] = result
            return result
        }
        for role in catalog.roles { _ = resolve(role) }
        self.resolved = resolved
    }

    /// The role's style with fallbacks applied (terminal defaults for a role outside the catalog).
    public func style(for role: Role) -> ResolvedStyle {
        resolved[role] ?? ResolvedStyle()
    }

    /// A cell style drawn with this theme: the role's style plus the cell's own attributes.
    public func resolve(_ style: Style) -> ResolvedStyle {
        var r = self.style(for: style.role)
        r.bold = r.bold || style.bold
        r.underline = r.underline || style.underline
        r.reverse = r.reverse || style.reverse
        r.dim = r.dim || style.dim
        return r
    }
}
