import TerminalUI

/// Where a key binding applies. Pane contexts win over `global` when both bind a key.
public enum KeyContext: String, CaseIterable, Sendable {
    case global, calendar, composer, health, performance

    public var title: String {
        switch self {
        case .global: "Everywhere"
        case .calendar: "Calendar"
        case .composer: "Composer"
        case .health: "Account health"
        case .performance: "Performance"
        }
    }
}

/// Everything a user can ask for by key or by name in the command palette.
public enum Action: String, CaseIterable, Sendable {
    case showCalendar, showComposer, showHealth, showPerformance, nextPane, previousPane
    case help, palette, pickClient, quit, redraw, reload
    case moveUp, moveDown, moveLeft, moveRight, top, bottom, halfPageUp, halfPageDown
    case filter, nextMatch, previousMatch, open, back
    case toggleActive, retryPublish  // health
    case calendarMonth, calendarWeek, calendarAgenda, previousPeriod, nextPeriod, today  // calendar
    case postEarlierDay, postLaterDay, postEarlierHour, postLaterHour, reschedule  // calendar
    case cancelPost, duplicatePost, editPost, unschedulePost, filters  // calendar
    case undo, redo
    case newPost
    case saveDraft, schedulePost, openEditor, nextField, previousField, nextNetwork, previousNetwork  // composer
    case toggleChoice, removeMedia  // composer
    case pickSort, reverseSort, shorterRange, longerRange, toggleCharts, export // performance

    /// True for the actions that change the database, or open the composer to write a post:
    /// in read-only mode `App.perform` refuses them, saying why, before any pane sees them.
    public var writes: Bool {
        switch self {
        case .toggleActive, .retryPublish, .postEarlierDay, .postLaterDay, .postEarlierHour, .postLaterHour, .reschedule,
             .cancelPost, .duplicatePost, .editPost, .unschedulePost, .undo, .redo, .newPost, .saveDraft, .schedulePost:
            true
        default:
            false
        }
    }
}

/// One row of the key table: the single source for dispatch, the `?` overlay, the `:`
/// palette and `postdeck keys`.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let context: KeyContext
    public let action: Action
    public let description: String
    /// Shown in the status bar of its context (the few keys most worth knowing).
    public let hint: String?

    init(_ keys: [String], _ context: KeyContext, _ action: Action, _ description: String, hint: String? = nil) {
        self.keys = keys.map { Key(parsing: $0)! }
        self.context = context
        self.action = action
        self.description = description
        self.hint = hint
    }

    /// `j` / `Down`, as the help overlay and the docs print it.
    public var keyLabel: String { keys.map(\.description).joined(separator: " / ") }
}

/// The key table. Adding a feature means adding a row here.
public enum Keymap {
    public static let bindings: [KeyBinding] = global + CalendarPane.keys + HealthPane.keys + ComposerPane.keys + PerformancePane.keys

    static let global: [KeyBinding] = [
        KeyBinding(["1"], .global, .showCalendar, "calendar"),
        KeyBinding(["2"], .global, .showComposer, "composer"),
        KeyBinding(["3"], .global, .showHealth, "account health"),
        KeyBinding(["4"], .global, .showPerformance, "performance"),
        KeyBinding(["Tab"], .global, .nextPane, "next pane"),
        KeyBinding(["Shift-Tab"], .global, .previousPane, "previous pane"),
        KeyBinding(["?"], .global, .help, "help for this pane", hint: "help"),
        KeyBinding([":"], .global, .palette, "command palette", hint: "commands"),
        KeyBinding(["c"], .global, .pickClient, "choose the client in scope", hint: "client"),
        KeyBinding(["R"], .global, .reload, "reload from the database"),
        KeyBinding(["Ctrl-l"], .global, .redraw, "redraw the screen"),
        KeyBinding(["q", "Ctrl-c"], .global, .quit, "quit", hint: "quit"),
        KeyBinding(["k", "Up"], .global, .moveUp, "move up"),
        KeyBinding(["j", "Down"], .global, .moveDown, "move down"),
        KeyBinding(["h", "Left"], .global, .moveLeft, "move left"),
        KeyBinding(["l", "Right"], .global, .moveRight, "move right"),
        KeyBinding(["g", "Home"], .global, .top, "go to the top"),
        KeyBinding(["G", "End"], .global, .bottom, "go to the bottom"),
        KeyBinding(["Ctrl-u", "PageUp"], .global, .halfPageUp, "half a page up"),
        KeyBinding(["Ctrl-d", "PageDown"], .global, .halfPageDown, "half a page down"),
        KeyBinding(["/"], .global, .filter, "filter", hint: "filter"),
        KeyBinding(["u"], .global, .undo, "undo your last change to a post"),
        KeyBinding(["Ctrl-r"], .global, .redo, "redo what u undid"),
        KeyBinding(["n"], .global, .newPost, "new post (opens the composer)"),
        KeyBinding(["N"], .global, .previousMatch, "previous match"),
        KeyBinding(["Enter"], .global, .open, "open / confirm"),
        KeyBinding(["Esc"], .global, .back, "back, close, cancel (never quits)"),
    ]

    /// The binding for `key` in `context`, the pane's own first.
    public static func action(for key: Key, in context: KeyContext) -> Action? {
        if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return binding.action }
        return bindings.first(where: { $0.context == .global && $0.keys.contains(key) })?.action
    }

    /// The keys that perform `action` in `context`, in table order (the inverse of
    /// `action(for:in:)`): a global key that the pane binds to something else does not count.
    public static func keys(for action: Action, in context: KeyContext) -> [Key] {
        let rows = bindings.filter { $0.action == action && ($0.context == context || $0.context == .global) }
        let ordered = rows.filter { $0.context == context } + rows.filter { $0.context == .global }
        return ordered.flatMap(\.keys).filter { self.action(for: $0, in: context) == action }
    }

    /// Bindings shown for a pane: its own rows, then the global ones it does not override.
    public static func help(for context: KeyContext) -> [(title: String, rows: [KeyBinding])] {
        let own = bindings.filter { $0.context == context }
        let global = bindings.filter { $0.context == .global && !own.map(\.action).contains($0.action) }
        return (own.isEmpty ? [] : [(context.title, own)]) + [(KeyContext.global.title, global)]
    }

    /// The status bar's hints for a pane.
    public static func hints(for context: KeyContext) -> [(key: String, label: String)] {
        let own = bindings.filter { $0.context == context && $0.hint != nil }
        let global = bindings.filter { $0.context == .global && $0.hint != nil }
        return (own + global).map { ($0.keys[0].description, $0.hint!) }
    }

    /// The key table as Markdown, one table per context: `postdeck keys` prints this and the
    /// README's key section is exactly this text.
    public static func markdown() -> String {
        var text = ""
        for context in KeyContext.allCases {
            let rows = bindings.filter { $0.context == context }
            guard !rows.isEmpty else { continue }
            text += "### \(context.title)\n\n| key | action |\n|---|---|\n"
            for row in rows {
                let keys = row.keys.map { "`\($0.description == "|" ? "\\|" : $0.description)`" }.joined(separator: " ")
                text += "| \(keys) | \(row.description) |\n"
            }
            text += "\n"
        }
        return text
    }
}
