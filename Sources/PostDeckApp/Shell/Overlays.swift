import FoundationEssentials
import PostDeckCore
import TerminalUI

/// The modal layers: help, command palette, client picker, confirmation dialog and the
/// import's review.
/// Each takes every key while it is open.
enum Overlays {
    /// The command palette: every action the current pane understands, named as in the key
    /// table, then the typed commands (`import PATH`). When the query spells a typed command
    /// with its argument, that command is the one line.
    static func palette(for pane: Pane, query: String, symbols: Symbols = .unicode) -> (widget: CommandPalette, entries: [PaletteEntry]) {
        if let command = PaletteCommand.parse(query) {
            let item = PaletteItem(query.trimmingSpaces(), hint: "Enter")
            return (CommandPalette(items: [item], title: "Commands", symbols: symbols), [.run(command)])
        }
        var seen = Set<Action>()
        var items: [PaletteItem] = []
        var entries: [PaletteEntry] = []
        for binding in Keymap.bindings where binding.context == pane.context || binding.context == .global {
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

    /// The sort picker: the performance table's columns, each in its natural direction.
    static func sortPicker(symbols: Symbols = .unicode) -> (widget: CommandPalette, fields: [PerformanceSort.Field]) {
        let fields = PerformanceSort.Field.allCases
        let items = fields.map { field in
            PaletteItem(field.rawValue, hint: field == .published ? "newest first" : field == .client ? "A to Z" : "most first")
        }
        return (CommandPalette(items: items, title: "Sort by", width: 40, height: fields.count + 4, symbols: symbols), fields)
    }

    // MARK: Keys

    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let overlay = state.overlay else { return [] }
        switch overlay {
        case .help(let scroll):
            switch key {
            case .escape, .char("?"), .char("q"), .enter: state.overlay = nil
            case .char("j"), .down: state.overlay = .help(scroll: scroll + 1)
            case .char("k"), .up: state.overlay = .help(scroll: max(0, scroll - 1))
            default: break
            }
            return []
        case .confirm(let confirmation, let yes):
            switch key {
            case .char("y"), .char("Y"):
                return confirmed(&state, confirmation)
            case .enter:
                return yes ? confirmed(&state, confirmation) : declined(&state)
            case .char("n"), .char("N"), .escape, .char("q"):
                return declined(&state)
            case .left, .right, .tab, .backTab, .char("h"), .char("l"):
                state.overlay = .confirm(confirmation, yes: !yes)
            default: break
            }
            return []
        case .palette(var query, var list):
            let (widget, entries) = palette(for: state.pane, query: query.text)
            let matches = widget.matches(for: query.text)
            switch edit(key, query: &query, list: &list, count: matches.count) {
            case .close: state.overlay = nil
            case .choose:
                state.overlay = nil
                guard let selected = list.selected, matches.indices.contains(selected),
                      let index = widget.items.firstIndex(of: matches[selected].item) else { return [] }
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
            let matches = widget.matches(for: query.text)
            switch edit(key, query: &query, list: &list, count: matches.count) {
            case .close: state.overlay = nil
            case .choose:
                state.overlay = nil
                guard let selected = list.selected, matches.indices.contains(selected),
                      let index = widget.items.firstIndex(of: matches[selected].item) else { return [] }
                return App.setScope(&state, scopes[index])
            case .edited: state.overlay = .clientPicker(query, list)
            }
            return []
        case .sortPicker(var query, var list):
            let (widget, fields) = sortPicker()
            let matches = widget.matches(for: query.text)
            switch edit(key, query: &query, list: &list, count: matches.count) {
            case .close: state.overlay = nil
            case .choose:
                state.overlay = nil
                guard let selected = list.selected, matches.indices.contains(selected),
                      let index = widget.items.firstIndex(of: matches[selected].item) else { return [] }
                return PerformancePane.sort(&state, by: fields[index])
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

    enum ListEdit { case close, choose, edited }

    /// Keys of a filterable list: typing edits the query, arrows and Ctrl-n/p move, Enter chooses.
    static func edit(_ key: Key, query: inout TextInputState, list: inout ListState, count: Int) -> ListEdit {
        switch key {
        case .escape: return .close
        case .enter: return .choose
        case .down, .ctrl("n"), .tab: list.select(next: 1, count: count)
        case .up, .ctrl("p"), .backTab: list.select(next: -1, count: count)
        default:
            if query.handle(key) { list = ListState(selected: 0) }
        }
        return .edited
    }

    // MARK: Drawing

    static func render(_ overlay: Overlay, state: AppState, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        switch overlay {
        case .help(let scroll):
            let sections = Keymap.help(for: state.pane.context).map { section in
                HelpOverlay.Section(section.title, rows: section.rows.map { (key: $0.keyLabel, description: $0.description) })
            }
            HelpOverlay(title: "Keys — \(state.pane.title)", sections: sections, scroll: scroll, symbols: symbols)
                .render(into: &buffer, area: area)
        case .confirm(let confirmation, let yes):
            Dialog(title: confirmation.title, message: confirmation.question, buttons: ["Yes (y)", "No (n)"],
                   focusedButton: yes ? 0 : 1, symbols: symbols)
                .render(into: &buffer, area: area)
        case .palette(var query, var list):
            palette(for: state.pane, query: query.text, symbols: symbols).widget.render(into: &buffer, area: area, query: &query, state: &list)
        case .clientPicker(var query, var list):
            clientPicker(state.clients, symbols: symbols).widget.render(into: &buffer, area: area, query: &query, state: &list)
        case .sortPicker(var query, var list):
            sortPicker(symbols: symbols).widget.render(into: &buffer, area: area, query: &query, state: &list)
        case .importReview:
            Importing.render(state, into: &buffer, area: area, symbols: symbols)
        }
    }
}
