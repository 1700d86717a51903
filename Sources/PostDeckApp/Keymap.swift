import TerminalUI

/// Where a key binding applies. Pane contexts win over `global` when both bind a key; a
/// modal context (an overlay, a panel or a question that takes every key while it is open)
/// has only its own keys.
public enum KeyContext: String, CaseIterable, Sendable {
    case global, calendar, composer, health, performance
    /// The calendar's filter panel (`f`).
    case filterPanel
    /// The composer's question when someone else saved the post first.
    case conflict
    /// A yes/no question.
    case dialog
    /// The `?` overlay itself.
    case help
    /// The review of a file to import (`:import PATH`).
    case importReview
    /// A list to type into and choose from: the `:` palette and the client picker.
    case picker

    public var title: String {
        switch self {
        case .global: "Everywhere"
        case .calendar: "Calendar"
        case .composer: "Composer"
        case .health: "Account health"
        case .performance: "Performance"
        case .filterPanel: "Calendar filters (f)"
        case .conflict: "Composer: someone else saved the post first"
        case .dialog: "Questions (yes / no)"
        case .help: "This help"
        case .importReview: "Import review (:import PATH)"
        case .picker: "The palette (:) and the client picker (c)"
        }
    }

    /// True when the context takes every key: the global keys do not apply in it.
    public var isModal: Bool {
        switch self {
        case .filterPanel, .conflict, .dialog, .help, .importReview, .picker: true
        case .global, .calendar, .composer, .health, .performance: false
        }
    }

    /// The modal contexts a pane opens, listed in its help after its own keys.
    var opens: [KeyContext] {
        switch self {
        case .calendar: [.filterPanel]
        case .composer: [.conflict]
        default: []
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
    case applyFilters, clearValue  // the calendar's filter panel
    case keepMine, takeTheirs, copyMine  // the composer's conflict question
    case yes, no, answer, switchButton  // a yes/no question

    /// True for the actions that change the database, or open the composer to write a post:
    /// in read-only mode `App.perform` refuses them, saying why, before any pane sees them.
    public var writes: Bool {
        switch self {
        case .toggleActive, .retryPublish, .postEarlierDay, .postLaterDay, .postEarlierHour, .postLaterHour, .reschedule,
             .cancelPost, .duplicatePost, .editPost, .unschedulePost, .undo, .redo, .newPost, .saveDraft, .schedulePost:
            true
        case .keepMine, .copyMine:
            true
        default:
            false
        }
    }

    /// True for the actions that only move around or change what is shown: they never
    /// change data, so their keys are never writes in another context (the key grammar,
    /// docs/TERMINAL.md).
    public var navigates: Bool {
        switch self {
        case .showCalendar, .showComposer, .showHealth, .showPerformance, .nextPane, .previousPane,
             .help, .palette, .pickClient,
             .moveUp, .moveDown, .moveLeft, .moveRight, .top, .bottom, .halfPageUp, .halfPageDown,
             .filter, .nextMatch, .previousMatch, .open, .back,
             .calendarMonth, .calendarWeek, .calendarAgenda, .previousPeriod, .nextPeriod, .today, .filters,
             .nextField, .previousField, .nextNetwork, .previousNetwork,
             .pickSort, .reverseSort, .shorterRange, .longerRange, .toggleCharts, .switchButton:
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
        + CalendarEditing.filterPanelKeys + ComposerPane.conflictKeys + Overlays.dialogKeys + Overlays.helpKeys + Overlays.pickerKeys + Importing.keys

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
        KeyBinding(["/"], .global, .filter, "search: the list keeps what matches", hint: "search"),
        KeyBinding(["n"], .global, .nextMatch, "next match"),
        KeyBinding(["N"], .global, .previousMatch, "previous match"),
        KeyBinding(["p"], .global, .newPost, "new post (opens the composer)"),
        KeyBinding(["u"], .global, .undo, "undo your last change to a post"),
        KeyBinding(["Ctrl-r"], .global, .redo, "redo what u undid"),
        KeyBinding(["Enter"], .global, .open, "open / confirm"),
        KeyBinding(["Esc"], .global, .back, "back, close, cancel (never quits)"),
    ]

    /// The binding for `key` in `context`, the pane's own first; a modal context has only its own.
    public static func action(for key: Key, in context: KeyContext) -> Action? {
        if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return binding.action }
        guard !context.isModal else { return nil }
        return bindings.first(where: { $0.context == .global && $0.keys.contains(key) })?.action
    }

    /// The keys that perform `action` in `context`, in table order (the inverse of
    /// `action(for:in:)`): a global key that the pane binds to something else does not count.
    public static func keys(for action: Action, in context: KeyContext) -> [Key] {
        let rows = bindings.filter { $0.action == action && ($0.context == context || $0.context == .global) }
        let ordered = rows.filter { $0.context == context } + rows.filter { $0.context == .global }
        return ordered.flatMap(\.keys).filter { self.action(for: $0, in: context) == action }
    }

    /// Bindings shown for a pane: its own rows, the panels and questions it opens, then the
    /// global ones it does not override, then the keys of questions and of the help itself.
    public static func help(for context: KeyContext) -> [(title: String, rows: [KeyBinding])] {
        let own = bindings.filter { $0.context == context }
        let global = bindings.filter { $0.context == .global && !own.map(\.action).contains($0.action) }
        let sections = [(context.title, own)] + context.opens.map { ($0.title, rows(of: $0)) }
            + [(KeyContext.global.title, global)] + [KeyContext.picker, .dialog, .importReview, .help].map { ($0.title, rows(of: $0)) }
        return sections.filter { !$0.1.isEmpty }
    }

    /// The first key of `action` in `context`, as the screen names it ("Ctrl-s", "j").
    public static func label(_ action: Action, in context: KeyContext) -> String {
        keys(for: action, in: context).first?.description ?? "?"
    }

    /// A one-line key summary for a panel or question, from the table: "j/k row · Enter apply".
    static func summary(_ items: [(Action, Action?, String)], in context: KeyContext) -> String {
        items.map { first, second, text in
            label(first, in: context) + (second.map { "/" + label($0, in: context) } ?? "") + (text.isEmpty ? "" : " " + text)
        }.joined(separator: " · ")
    }

    private static func rows(of context: KeyContext) -> [KeyBinding] { bindings.filter { $0.context == context } }

    /// The status bar's hints for a pane. The composer shows only its own: while its fields
    /// take text, the global keys are text.
    public static func hints(for context: KeyContext) -> [(key: String, label: String)] {
        let own = bindings.filter { $0.context == context && $0.hint != nil }
        let global = context == .composer || context.isModal ? [] : bindings.filter { $0.context == .global && $0.hint != nil }
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
        text += "### Palette commands\n\nTyped after `:`, from any pane; client and theme names complete as you type.\n\n"
        text += "| command | what it does |\n|---|---|\n"
        for command in PaletteCommand.all { text += "| `\(PaletteCommand.title(command))` | \(command.description) |\n" }
        text += "\n"
        return text
    }
}
