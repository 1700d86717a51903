import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// What the performance pane does with actions and typed text.
extension PerformancePane {
    /// Keys taken before the key table while the filter line or the export prompt is open;
    /// nil lets them through.
    static func capture(_ state: inout AppState, _ key: Key) -> [Effect]? {
        if state.performance.exportPath != nil { return editExportPath(&state, key) }
        if state.performance.editingFilter != nil { return editFilter(&state, key) }
        return nil
    }

    /// The filter line: the table follows the text shortly after the typing pauses.
    static func editFilter(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var input = state.performance.editingFilter else { return [] }
        switch key {
        case .enter:
            state.performance.editingFilter = nil
            return settle(&state, input.text, delay: .zero)
        case .escape:
            state.performance.editingFilter = nil
            return settle(&state, "", delay: .zero)
        case .backspace where input.isEmpty:
            state.performance.editingFilter = nil
            return []
        default:
            guard input.handle(key) else { return [] }
            state.performance.editingFilter = input
            return settle(&state, input.text, delay: .milliseconds(150))
        }
    }

    private static func settle(_ state: inout AppState, _ text: String, delay: Duration) -> [Effect] {
        if delay == .zero {
            guard text != state.performance.filter else { return [] }
            state.performance.filter = text
            return load(&state)
        }
        return [.after(delay, key: "performance.filter", .performance(.filterSettled(text)))]
    }

    /// The export prompt: Enter reads every row of the table and writes the file.
    static func editExportPath(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var input = state.performance.exportPath else { return [] }
        switch key {
        case .escape:
            state.performance.exportPath = nil
            state.note = StatusNote(text: "nothing exported", kind: .info)
        case .enter:
            let path = input.text.trimmingSpaces()
            guard !path.isEmpty else { return [] }
            state.performance.exportPath = nil
            return exportAsking(&state, path: path)
        default:
            if input.handle(key) { state.performance.exportPath = input }
        }
        return []
    }

    /// Export to `path` as typed (the prompt's Enter and the palette's `:export PATH`): made
    /// absolute, and a file already there is replaced only after a yes.
    static func exportAsking(_ state: inout AppState, path: String) -> [Effect] {
        [.resolvePath(expandingHome(path, state)) { .performance(.exportTarget(absolute: $0, exists: $1)) }]
    }

    /// The sort picker's choice: the column in its natural direction; the current column
    /// keeps its direction.
    static func sort(_ state: inout AppState, by field: PerformanceSort.Field) -> [Effect] {
        guard field != state.performance.sort.field else { return [] }
        state.performance.sort = PerformanceSort(field)
        return load(&state)
    }

    /// `~/…` in the home directory the UI was started with.
    static func expandingHome(_ path: String, _ state: AppState) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = state.homeDirectory else { return path }
        return home + path.dropFirst()
    }

    /// The path typed, made absolute: a file already there is replaced only after a yes.
    static func exportTarget(_ state: inout AppState, absolute: String, exists: Bool) -> [Effect] {
        guard exists else { return export(&state, to: absolute) }
        state.overlay = .confirm(Confirmation(
            title: "Overwrite file",
            question: "\(Sanitizer.singleLine(absolute)) exists. Replace it with the table's posts?",
            onYes: .overwriteExport(absolute)), yes: false)
        return []
    }

    /// Reads every row of the table (in its order) and writes them as CSV to `path` (absolute).
    static func export(_ state: inout AppState, to path: String) -> [Effect] {
        let id = state.nextRequest()
        state.performance.exportRequest = id
        state.note = StatusNote(text: "exporting…", kind: .info)
        let query = PerformanceQueries.list(state.performance.filter(scope: state.scope, now: state.now), sort: state.performance.sort)
        return [.query(id, slot: "performance.export", query.map { .performance(.exportLoaded(id, path: path, $0)) })]
    }

    /// A file name that says what is in it: `performance-acme-outdoor-30d-2026-11-25.csv`.
    static func suggestedExportPath(_ state: AppState) -> String {
        let scope = state.scope.clientID == nil ? "all-clients" : state.scopeTitle
        let slug = scope.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
        let day = zone(state).format(state.now, .date)
        return "performance-\(slug.isEmpty ? "client" : slug)-\(state.performance.range.rawValue)-\(day).csv"
    }

    static func perform(_ state: inout AppState, _ action: Action) -> [Effect]? {
        if state.performance.detail != nil {
            switch action {
            case .back: state.performance.detail = nil
            case .moveDown: state.performance.detail?.scroll += 1
            case .moveUp:
                let scroll = state.performance.detail?.scroll ?? 0
                state.performance.detail?.scroll = max(0, scroll - 1)
            case .top: state.performance.detail?.scroll = 0
            case .open, .pickSort, .reverseSort, .shorterRange, .longerRange, .toggleCharts, .export, .filter: break
            default: return nil
            }
            return []
        }
        let count = state.performance.rows.count
        let half = max(1, capacity(state) / 2)
        switch action {
        // The table holds only the posts that match the search: n and N step through them.
        case .moveDown, .nextMatch: state.performance.selected += 1
        case .moveUp, .previousMatch: state.performance.selected -= 1
        case .halfPageDown: state.performance.selected += half
        case .halfPageUp: state.performance.selected -= half
        case .top: state.performance.selected = 0
        case .bottom:
            state.performance.selected = count - 1
            if state.performance.hasMore {
                state.performance.bottomPending = true
                state.note = StatusNote(text: "loading to the last post…", kind: .info)
            }
        case .pickSort:
            let current = PerformanceSort.Field.allCases.firstIndex(of: state.performance.sort.field) ?? 0
            state.overlay = .sortPicker(TextInputState(), ListState(selected: current))
            return []
        case .reverseSort:
            state.performance.sort = state.performance.sort.reversed
            return load(&state)
        case .shorterRange, .longerRange:
            let range = state.performance.range
            guard let next = action == .shorterRange ? range.shorter : range.longer else { return [] }
            state.performance.range = next
            return load(&state)
        case .toggleCharts:
            state.performance.showCharts.toggle()
            return state.performance.showCharts ? loadCharts(&state) : []
        case .filter:
            state.performance.editingFilter = TextInputState(state.performance.filter)
            return []
        case .export:
            state.performance.exportPath = TextInputState(suggestedExportPath(state))
            return []
        case .open:
            guard !state.performance.showCharts, let post = state.performance.selectedRow else { return [] }
            state.performance.detail = PerformanceDetailState(post: post)
            return loadDetail(&state, post.id)
        case .back:
            if state.performance.showCharts {
                state.performance.showCharts = false
            } else if !state.performance.filter.isEmpty {
                state.performance.filter = ""
                return load(&state)
            }
            return []
        case .moveLeft, .moveRight:
            return []
        default:
            return nil
        }
        clampSelection(&state)
        return loadAhead(&state)
    }
}
