/// A semantic colour role. Cells carry roles, never colours: the backend resolves a
/// role through the current `Theme` when it draws. `name` is the key used in theme files
/// (`[roles]` table).
///
/// The set is open, like ratatui's styles are: TerminalUI defines the roles any
/// terminal program needs (`text`, `selection`, `error`, ...; `RoleCatalog.widgets`),
/// and a program adds its own domain roles in an extension, each with a parent among
/// the roles it builds on (postdeck's post-status and token roles live in `PostDeckApp`).
/// A theme is parsed against a `RoleCatalog`, which says which names a file may use.
///
/// A role is compared by `legendCode` alone, so cells stay small and cheap to compare;
/// a catalog refuses two roles with one code.
public struct Role: Hashable, Sendable, CustomStringConvertible {
    /// The key in theme files (`"status.bar"`, `"post.failed"`).
    public let name: StaticString
    /// The one ASCII character that stands for this role in a buffer's style layer
    /// (`Buffer.styleLines()`, golden files); unique within a catalog.
    public let code: UInt8
    /// The `code` of the role a theme falls back to, property by property, when it
    /// leaves this one (or some of its properties) undefined; nil for `text`, the root.
    public let parentCode: UInt8?

    /// A role named `name` in theme files, drawn as `legend` in golden files, falling
    /// back to `parent` (`Role("post.failed", legend: "F", parent: .error)`).
    public init(_ name: StaticString, legend: Unicode.Scalar, parent: Role?) {
        precondition(legend.value > 0x20 && legend.value < 0x7F, "a role's legend is one printable ASCII character")
        self.name = name
        self.code = UInt8(legend.value)
        self.parentCode = parent?.code
    }

    /// The character for this role in a golden file's style layer.
    public var legendCode: Character { Character(Unicode.Scalar(code)) }

    public var description: String { name.description }

    public static func == (a: Role, b: Role) -> Bool { a.code == b.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

// The roles of the widget library. Legend (one character each in golden files):
//
//     .  text          m  muted          b  border        B  border.focus
//     t  title         h  header         s  selection     _  status.bar
//     k  status.key    e  error          w  warning       g  success
//     i  info          a  accent         T  tab.active    n  tab.inactive
//     1-6 chart.1-6    ?  placeholder    I  input         o  dialog
//     M  match         f  button.focus   K  key
extension Role {
    public static let text = Role("text", legend: ".", parent: nil)
    public static let muted = Role("muted", legend: "m", parent: .text)
    public static let border = Role("border", legend: "b", parent: .text)
    public static let borderFocus = Role("border.focus", legend: "B", parent: .border)
    public static let title = Role("title", legend: "t", parent: .text)
    public static let header = Role("header", legend: "h", parent: .text)
    public static let selection = Role("selection", legend: "s", parent: .text)
    public static let statusBar = Role("status.bar", legend: "_", parent: .text)
    public static let statusKey = Role("status.key", legend: "k", parent: .statusBar)
    public static let error = Role("error", legend: "e", parent: .text)
    public static let warning = Role("warning", legend: "w", parent: .text)
    public static let success = Role("success", legend: "g", parent: .text)
    public static let info = Role("info", legend: "i", parent: .text)
    public static let accent = Role("accent", legend: "a", parent: .text)
    public static let tabActive = Role("tab.active", legend: "T", parent: .title)
    public static let tabInactive = Role("tab.inactive", legend: "n", parent: .muted)
    public static let chart1 = Role("chart.1", legend: "1", parent: .accent)
    public static let chart2 = Role("chart.2", legend: "2", parent: .accent)
    public static let chart3 = Role("chart.3", legend: "3", parent: .accent)
    public static let chart4 = Role("chart.4", legend: "4", parent: .accent)
    public static let chart5 = Role("chart.5", legend: "5", parent: .accent)
    public static let chart6 = Role("chart.6", legend: "6", parent: .accent)
    /// Visible stand-ins for control characters and escape sequences (see `Sanitizer`).
    public static let placeholder = Role("placeholder", legend: "?", parent: .text)
    public static let input = Role("input", legend: "I", parent: .text)
    public static let dialog = Role("dialog", legend: "o", parent: .text)
    /// Characters of a fuzzy match that matched the query.
    public static let match = Role("match", legend: "M", parent: .accent)
    /// A focused button in a dialog.
    public static let buttonFocus = Role("button.focus", legend: "f", parent: .selection)
    /// Key names in the help overlay and status bar hints outside the status bar.
    public static let key = Role("key", legend: "K", parent: .text)

    /// The chart series roles, in order, for charts that colour one series each.
    public static let chartSeries: [Role] = [.chart1, .chart2, .chart3, .chart4, .chart5, .chart6]
}

/// The roles a theme file may name, and the parent of each: what `ThemeParser` accepts
/// and what `Theme` resolves. A program passes its own catalog, the widget roles plus
/// its domain roles (`RoleCatalog.widgets.adding(...)`).
public struct RoleCatalog: Sendable, Equatable {
    /// Every role, in the order given.
    public let roles: [Role]
    private let byName: [String: Role]
    private let byCode: [UInt8: Role]

    /// A catalog of `roles`. Names and legend codes must be unique, and every parent
    /// must be in the catalog: a mistake there is a programming error, caught at start.
    public init(_ roles: [Role]) {
        var byName: [String: Role] = [:], byCode: [UInt8: Role] = [:]
        for role in roles {
            precondition(byName.updateValue(role, forKey: role.name.description) == nil, "two roles named \(role.name)")
            precondition(byCode.updateValue(role, forKey: role.code) == nil, "two roles drawn as \(role.legendCode)")
        }
        for role in roles { precondition(role.parentCode.map { byCode[$0] != nil } ?? true, "the parent of \(role.name) is not in the catalog") }
        self.roles = roles
        self.byName = byName
        self.byCode = byCode
    }

    /// The widget library's roles.
    public static let widgets = RoleCatalog([
        .text, .muted, .border, .borderFocus, .title, .header, .selection, .statusBar, .statusKey,
        .error, .warning, .success, .info, .accent, .tabActive, .tabInactive,
        .chart1, .chart2, .chart3, .chart4, .chart5, .chart6, .placeholder, .input, .dialog, .match, .buttonFocus, .key,
    ])

    /// This catalog with `more` roles after its own.
    public func adding(_ more: [Role]) -> RoleCatalog { RoleCatalog(roles + more) }

    /// The role a theme file calls `name`.
    public func role(named name: String) -> Role? { byName[name] }

    /// The role `role` falls back to; nil for the root.
    public func parent(of role: Role) -> Role? { role.parentCode.flatMap { byCode[$0] } }

    public static func == (a: RoleCatalog, b: RoleCatalog) -> Bool { a.roles.map(\.code) == b.roles.map(\.code) }
}
