import Foundation
import PostDeckCore
import TerminalUI

/// The modal layers: help, command palette, client picker and confirmation dialog.
enum Overlays {
    /// One entry of the command palette: an action by name.
    struct Command {
        let action: Action
        let title: String
        let keys: String
    }

    /// Every action the current pane understands, named as in the key table.
    static func commands(for pane: Pane) -> [Command] {
        var seen = Set<Action>()
        var result: [Command] = []
        for binding in Keymap.bindings where binding.context == pane.context || binding.context == .global {
            guard !seen.contains(binding.action) else { continue }
            seen.insert(binding.action)
            result.append(Command(action: binding.action, title: binding.description, keys: binding.keyLabel))
        }
        return result
    }

    static func paletteMatches(_ query: String, pane: Pane) -> [(command: Command, positions: [Int])] {
        rank(query, commands(for: pane), text: \.title)
    }

    /// Picker rows: "All clients" first, then every client.
    static func clientMatches(_ query: String, clients: [ClientSummary]) -> [(client: ClientSummary?, positions: [Int])] {
        let all: [(ClientSummary?, [Int])] = query.isEmpty ? [(nil, [])] : []
        let names = clients.map { client -> ClientSummary in client }
        let shared = Dictionary(grouping: clients, by: \.name).filter { $0.value.count > 1 }.keys
        return all + rank(query, names) { shared.contains($0.name) ? "\($0.name) (\($0.agencyName))" : $0.name }
            .map { (Optional($0.0), $0.1) }
    }

    static func rank<T>(_ query: String, _ items: [T], text: (T) -> String) -> [(T, [Int])] {
        guard !query.isEmpty else { return items.map { ($0, []) } }
        return items.compactMap { item -> (T, [Int], Int)? in
            guard let match = FuzzyMatcher.match(query, in: text(item)) else { return nil }
            return (item, match.positions, match.score)
        }
        .enumerated()
        .sorted { ($0.element.2, -$0.offset) > ($1.element.2, -$1.offset) }
        .map { ($0.element.0, $0.element.1) }
    }

    // MARK: Keys

    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let overlay = state.overlay else { return [] }
        switch overlay {
        case .help:
            if [.escape, .char("?"), .char("q"), .enter].contains(key) { state.overlay = nil }
            return []
        case .confirm(let confirmation):
            switch key {
            case .char("y"), .char("Y"), .enter:
                state.overlay = nil
                switch confirmation.onYes {
                case .setActive(let account, let active): return HealthPane.confirmSetActive(&state, account, active)
                }
            case .char("n"), .char("N"), .escape, .char("q"):
                state.overlay = nil
                state.note = StatusNote(text: "nothing changed", kind: .info)
            default: break
            }
            return []
        case .palette(var query, var selected):
            let matches = paletteMatches(query, pane: state.pane)
            switch editList(key, query: &query, selected: &selected, count: matches.count) {
            case .close: state.overlay = nil
            case .choose:
                state.overlay = nil
                guard matches.indices.contains(selected) else { return [] }
                return App.perform(&state, matches[selected].command.action)
            case .edited: state.overlay = .palette(query: query, selected: selected)
            }
            return []
        case .clientPicker(var query, var selected):
            let matches = clientMatches(query, clients: state.clients)
            switch editList(key, query: &query, selected: &selected, count: matches.count) {
            case .close: state.overlay = nil
            case .choose:
                state.overlay = nil
                guard matches.indices.contains(selected) else { return [] }
                return App.setScope(&state, matches[selected].client.map { .client($0.id) } ?? .allClients)
            case .edited: state.overlay = .clientPicker(query: query, selected: selected)
            }
            return []
        }
    }

    enum ListEdit { case close, choose, edited }

    /// Keys of a filterable list: typing filters, arrows and Ctrl-n/p move, Enter chooses.
    static func editList(_ key: Key, query: inout String, selected: inout Int, count: Int) -> ListEdit {
        switch key {
        case .escape: return .close
        case .enter: return .choose
        case .down, .ctrl("n"), .tab: selected = min(max(0, count - 1), selected + 1)
        case .up, .ctrl("p"), .backTab: selected = max(0, selected - 1)
        case .backspace:
            if !query.isEmpty { query.removeLast() }
            selected = 0
        case .ctrl("u"): query = ""; selected = 0
        case .char(let character): query.append(character); selected = 0
        case .paste(let text): query += Sanitizer.singleLine(text); selected = 0
        default: break
        }
        return .edited
    }

    // MARK: Drawing

    static func render(_ overlay: Overlay, state: AppState, into buffer: inout Buffer, area: Rect, symbols: Symbols) {
        switch overlay {
        case .help:
            let sections = Keymap.help(for: state.pane.context).map { section in
                HelpOverlay.Section(title: section.title, rows: section.rows.map { ($0.keyLabel, $0.description) })
            }
            HelpOverlay(title: "Keys — \(state.pane.title)", sections: sections, footer: "Esc or ? closes", symbols: symbols)
                .render(into: &buffer, area: area)
        case .confirm(let confirmation):
            Dialog(title: confirmation.title, message: confirmation.question, buttons: ["Yes (y)", "No (n)"], focused: 1, symbols: symbols)
                .render(into: &buffer, area: area)
        case .palette(let query, let selected):
            let rows = paletteMatches(query, pane: state.pane).map {
                CommandPalette.Row(title: $0.command.title, detail: $0.command.keys, matched: $0.positions)
            }
            CommandPalette(title: "Command", query: query, rows: rows, selected: selected, symbols: symbols)
                .render(into: &buffer, area: area)
        case .clientPicker(let query, let selected):
            let rows = clientMatches(query, clients: state.clients).map { match in
                CommandPalette.Row(title: match.client.map { client in
                    let shared = state.clients.filter { $0.name == client.name }.count > 1
                    return shared ? "\(client.name) (\(client.agencyName))" : client.name
                } ?? "All clients", detail: match.client.map { "\($0.agencyName) · \($0.timeZone ?? "no time zone")" } ?? "every client of every agency",
                matched: match.positions)
            }
            CommandPalette(title: "Client", query: query, rows: rows, selected: selected, symbols: symbols)
                .render(into: &buffer, area: area)
        }
    }
}
