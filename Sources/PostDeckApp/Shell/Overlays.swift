import FoundationEssentials
import PostDeckCore
import TerminalUI

/// The modal layers: help, command palette, client picker, confirmation dialog and the
/// import's review.
/// Each takes every key while it is open.
enum Overlays {
    /// The command palette: every action the current pane understands, named as in the key
    /// table, then the typed commands (`client NAME`, `import PATH`). Once the query is a
    /// command's name and a space, the lines are that command's completions (client and
    /// theme names), or the typed command itself as the one line.
    static func palette(for state: AppState, query: String, symbols: Symbols = .unicode) -> (widget: CommandPalette, entries: [PaletteEntry]) {
        let trimmed = query.drop { $0 == " " }
        if let space = trimmed.firstIndex(of: " "), let names = PaletteCommand.completions(for: trimmed[..<space].lowercased(), state) {
            let name = trimmed[..<space].lowercased()
            let typed = String(trimmed[space...]).trimmingSpaces().lowercased()
            let fitting = names.filter { typed.isEmpty || $0.argument.lowercased().contains(typed) }
            if !fitting.isEmpty {
                let items = fitting.map { PaletteItem("\(name) \($0.argument)", hint: $0.hint) }
                let entries = fitting.compactMap { PaletteCommand.parse("\(name) \($0.argument)").map(PaletteEntry.run) }
                return (CommandPalette(items: items, title: "Commands", symbols: symbols), entries)
            }
        }
        if let command = PaletteCommand.parse(query) {
            let item = PaletteItem(query.trimmingSpaces(), hint: "Enter")
            return (CommandPalette(items: [item], title: "Commands", symbols: symbols), [.run(command)])
        }
        var seen = Set<Action>()
        var items: [PaletteItem] = []
        var entries: [PaletteEntry] = []
        for binding in Keymap.bindings where binding.context == state.pane.context || binding.context == .global {
            guard !seen.contains(binding.action), binding.action != .palette else { continue }
            seen.insert(binding.action)
            items.append(PaletteItem(binding.description, hint: binding.keyLabel))
            entries.append(.action(binding.action))
        }
        for definition in PaletteCommand.all {
            items.append(PaletteItem(PaletteCommand.title(definition), hint: definition.description))
            entries.append(.complete(name: definition.name))
        }
        return (CommandPalette(items: items, title: "Commands", symbols: symbols), entries)
    }

    /// The client picker: "All clients" first, then every client (with its agency when
    /// another client has the same name).
    static func clientPicker(_ clients: [ClientSummary], symbols: Symbols = .unicode) -> (widget: CommandPalette, scopes: [Scope]) {
        let names = Dictionary(grouping: clients, by: \.name)
        var items = [PaletteItem("All clients", hint: "every agency")]
        var scopes: [Scope] = [.allClients]
        for client in clients {
            let title = (names[client.name]?.count ?? 0) > 1 ? "\(client.name) (\(client.agencyName))" : client.name
            items.append(PaletteItem(title, hint: client.timeZone ?? client.agencyName))
            scopes.append(.client(client.id))
        }
        return (CommandPalette(items: items, title: "Client", symbols: symbols), scopes)
    }

    /// Opens the client picker on the client in scope, so Enter keeps it and a step moves from it.
    static func openClientPicker(_ state: inout AppState) {
        let current = clientPicker(state.clients).scopes.firstIndex(of: state.scope) ?? 0
        state.overlay = .clientPicker(TextInputState(), ListState(selected: current))
    }

    /// The sort picker: the performance table's columns, each in its natural direction.
    static func sortPicker(symbols: Symbols = .unicode) -> (widget: CommandPalette, fields: [PerformanceSort.Field]) {
        let fields = PerformanceSort.Field.allCases
        let items = fields.map { field in
            PaletteItem(field.rawValue, hint: field == .published ? "newest first" : field == .client ? "A to Z" : "most first")
        }
        return (CommandPalette(items: items, title: "Sort by", width: 40, height: fields.count + 4, symbols: symbols), fields)
    }

    // MARK: Keys

    /// A question's rows of the key table (it takes every key while it is open).
    static let dialogKeys: [KeyBinding] = [
        KeyBinding(["y", "Y"], .dialog, .yes, "yes"),
        KeyBinding(["n", "N", "Esc", "q"], .dialog, .no, "no: nothing changes"),
        KeyBinding(["Enter"], .dialog, .answer, "the focused answer (No unless moved)"),
        KeyBinding(["Tab", "Shift-Tab", "h", "l", "Left", "Right"], .dialog, .switchButton, "move the focus between Yes and No"),
    ]

    /// The palette's and the client picker's rows of the key table; every other key edits the query.
    static let pickerKeys: [KeyBinding] = [
        KeyBinding(["Down", "Ctrl-n", "Tab"], .picker, .moveDown, "next line"),
        KeyBinding(["Up", "Ctrl-p", "Shift-Tab"], .picker, .moveUp, "previous line"),
        KeyBinding(["Enter"], .picker, .open, "run the command, choose the client"),
        KeyBinding(["Esc"], .picker, .back, "close"),
    ]

    /// The help overlay's rows of the key table.
    static let helpKeys: [KeyBinding] = [
        KeyBinding(["j", "Down"], .help, .moveDown, "scroll down"),
        KeyBinding(["k", "Up"], .help, .moveUp, "scroll up"),
        KeyBinding(["Ctrl-d", "PgDn"], .help, .halfPageDown, "half a page down"),
        KeyBinding(["Ctrl-u", "PgUp"], .help, .halfPageUp, "half a page up"),
        KeyBinding(["g", "Home"], .help, .top, "the first line"),
        KeyBinding(["G", "End"], .help, .bottom, "the last line"),
        KeyBinding(["Esc", "?", "q", "Enter"], .help, .back, "close the help"),
    ]

    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let overlay = state.overlay else { return [] }
        switch overlay {
        case .help(let scroll):
            let last = helpOverlay(state).maxScroll(in: View.body(state))
            let page = max(1, View.body(state).height / 2)
            let scrolled: Int
            switch Keymap.action(for: key, in: .help) {
            case .back: state.overlay = nil; return []
            case .moveDown: scrolled = scroll + 1
            case .moveUp: scrolled = scroll - 1
            case .halfPageDown: scrolled = scroll + page
            case .halfPageUp: scrolled = scroll - page
            case .top: scrolled = 0
            case .bottom: scrolled = last
            default: return []
            }
            state.overlay = .help(scroll: max(0, min(last, scrolled)))
            return []
        case .confirm(let confirmation, let yes):
            switch Keymap.action(for: key, in: .dialog) {
            case .yes:
                return confirmed(&state, confirmation)
            case .answer:
                return yes ? confirmed(&state, confirmation) : declined(&state)
            case .no:
                return declined(&state)
            case .switchButton:
                state.overlay = .confirm(confirmation, yes: !yes)
            default: break
            }
            return []
        case .palette(var query, var list):
            let (widget, entries) = palette(for: state, query: query.text)
            switch edit(key, query: &query, list: &list, in: widget) {
            case .close: state.overlay = nil
            case .choose(let index):
                state.overlay = nil
                guard let index else {
                    // Nothing listed: a typed command still runs, and says what is wrong with it.
                    return PaletteCommand.parse(query.text)?.run(&state) ?? []
                }
                switch entries[index] {
                case .action(let action): return App.perform(&state, action)
                case .run(let command): return command.run(&state)
                case .complete(let name): state.overlay = .palette(TextInputState(name + " "), ListState(selected: 0))
                }
            case .edited: state.overlay = .palette(query, list)
            }
            return []
        case .importReview:
            return Importing.handle(&state, key)
        case .clientPicker(var query, var list):
            let (widget, scopes) = clientPicker(state.clients)
            switch edit(key, query: &query, list: &list, in: widget) {
            case .close: state.overlay = nil
            case .choose(let index):
                state.overlay = nil
                return index.map { App.setScope(&state, scopes[$0]) } ?? []
            case .edited: state.overlay = .clientPicker(query, list)
            }
            return []
        case .sortPicker(var query, var list):
            let (widget, fields) = sortPicker()
            switch edit(key, query: &query, list: &list, in: widget) {
            case .close: state.overlay = nil
            case .choose(let index):
                state.overlay = nil
                return index.map { PerformancePane.sort(&state, by: fields[$0]) } ?? []
            case .edited: state.overlay = .sortPicker(query, list)
            }
            return []
        }
    }

    private static func confirmed(_ state: inout AppState, _ confirmation: Confirmation) -> [Effect] {
        state.overlay = nil
        switch confirmation.onYes {
        case .setActive(let account, let active): return HealthPane.confirmSetActive(&state, account, active)
        case .retryPublish(let post, let account, let stamp): return HealthPane.confirmRetry(&state, post, account, stamp: stamp)
        case .overwriteExport(let path): return PerformancePane.export(&state, to: path)
        case .write(let request): return PostWriting.submit(&state, request, issues: [], confirmed: true)
        case .undo: return PostWriting.undo(&state, confirmed: true)
        case .leaveComposer(let intent): return ComposerPane.leaveConfirmed(&state, intent)
        case .restoreRecovery(let id):
            guard let recovery = state.recoveries.first(where: { $0.postID == id }) else { return [] }
            state.recoveries.removeAll { $0.postID == id }
            return ComposerPane.restore(&state, recovery)
        case .setAsideRecovery(let id):
            state.recoveries.removeAll { $0.postID == id }
            return [.setAsideRecovery(id)] + App.offerRecovery(&state)
        }
    }

    private static func declined(_ state: inout AppState) -> [Effect] {
        guard case .confirm(let confirmation, _) = state.overlay else { state.overlay = nil; return [] }
        state.overlay = nil
        if let onNo = confirmation.onNo { return confirmed(&state, Confirmation(title: "", question: "", onYes: onNo)) }
        state.note = StatusNote(text: "nothing changed", kind: .info)
        return []
    }

    /// What a key did to a filterable list: closed it, chose an item (its index in the
    /// widget's `items`; nil when nothing is listed), or edited the query or selection.
    enum ListEdit { case close, choose(Int?), edited }

    /// Keys of a filterable list: typing edits the query, the picker's keys move and choose.
    static func edit(_ key: Key, query: inout TextInputState, list: inout ListState, in widget: CommandPalette) -> ListEdit {
        let matches = widget.matches(for: query.text)
        switch Keymap.action(for: key, in: .picker) {
        case .back: return .close
        case .open:
            guard let selected = list.selected, matches.indices.contains(selected) else { return .choose(nil) }
            return .choose(widget.items.firstIndex(of: matches[selected].item))
        case .moveDown: list.select(next: 1, count: matches.count)
        case .moveUp: list.select(next: -1, count: matches.count)
        default:
            if query.handle(key) { list = ListState(selected: 0) }
        }
        return .edited
    }

    // MARK: Drawing

    /// The `?` overlay for the pane on screen: what its symbols and columns mean, then its keys,
    /// all from the key table. Used by drawing and by scrolling, so `G` knows the last line.
    static func helpOverlay(_ state: AppState, symbols: Symbols = .unicode) -> HelpOverlay {
        let keys = Keymap.help(for: state.pane.context).map { section in
            HelpOverlay.Section(section.title, rows: section.rows.map { (key: $0.keyLabel, description: $0.description) })
        }
        // The pane's own keys first, then what its symbols mean, then the rest.
        let sections = Array(keys.prefix(1)) + Legend.sections(for: state.pane, symbols: symbols) + keys.dropFirst()
        return HelpOverlay(title: "Help — \(state.pane.title)", sections: sections, width: max(64, min(96, state.width - 4)),
                           symbols: symbols)
    }

    static func render(_ overlay: Overlay, state: AppState, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        switch overlay {
        case .help(let scroll):
            var overlay = helpOverlay(state, symbols: symbols)
            overlay.scroll = scroll
            overlay.render(into: &buffer, area: area)
        case .confirm(let confirmation, let yes):
            Dialog(title: confirmation.title, message: confirmation.question, buttons: ["Yes (y)", "No (n)"],
                   focusedButton: yes ? 0 : 1, symbols: symbols)
                .render(into: &buffer, area: area)
        case .palette(var query, var list):
            palette(for: state, query: query.text, symbols: symbols).widget.render(into: &buffer, area: area, query: &query, state: &list)
        case .clientPicker(var query, var list):
            clientPicker(state.clients, symbols: symbols).widget.render(into: &buffer, area: area, query: &query, state: &list)
        case .sortPicker(var query, var list):
            sortPicker(symbols: symbols).widget.render(into: &buffer, area: area, query: &query, state: &list)
        case .importReview:
            Importing.render(state, into: &buffer, area: area, symbols: symbols)
        }
    }
}
