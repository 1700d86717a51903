import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// The performance pane's part of `update`.
enum PerformancePane {
    static let tableSlot = "performance.table"

    /// The pane's rows of the key table.
    static let keys: [KeyBinding] = [
        KeyBinding(["Enter"], .performance, .open, "show the post's networks and sparklines", hint: "detail"),
        KeyBinding(["s"], .performance, .pickSort, "sort by a column (a list to choose from)", hint: "sort"),
        KeyBinding(["S"], .performance, .reverseSort, "reverse the sort order"),
        KeyBinding(["["], .performance, .shorterRange, "shorter range (7d 30d 90d all)"),
        KeyBinding(["]"], .performance, .longerRange, "longer range (7d 30d 90d all)", hint: "range"),
        KeyBinding(["v"], .performance, .toggleCharts, "charts: networks and best times", hint: "charts"),
        KeyBinding(["e"], .performance, .export, "export the table to a CSV file", hint: "export"),
    ]

    /// Rows of the table on screen (the pane's header line, the table's header, two footer lines).
    static func capacity(_ state: AppState) -> Int {
        max(1, state.height - 2 - 4 - (state.performance.editingFilter == nil ? 0 : 1))
    }

    /// Rows read at a time: a screenful.
    static func pageSize(_ state: AppState) -> Int { max(10, capacity(state)) }

    /// Where times are shown: the client's zone for one client, else `--tz`, else `TZ`, else UTC.
    static func zone(_ state: AppState) -> DisplayZone {
        let client = state.scope.clientID.flatMap { id in state.clients.first { $0.id == id } }
        let choice = try? ZoneChoice.choose(clientZone: client?.timeZone, commandLine: state.zoneSettings.commandLine,
                                            environmentTZ: state.zoneSettings.environmentTZ, config: nil)
        return choice?.zone ?? .utc
    }

    // MARK: Loading

    /// Reads the table from the top, its totals and (when shown) the charts.
    static func load(_ state: inout AppState) -> [Effect] {
        state.performance.rows = []
        state.performance.next = nil
        state.performance.loaded = false
        state.performance.bottomPending = false
        state.performance.selected = 0
        state.performance.offset = 0
        return read(&state, keep: 2 * pageSize(state), replace: true)
    }

    /// Re-reads what is shown, keeping the selection and the scroll (NOTIFY, `R`, reconnect).
    static func reload(_ state: inout AppState) -> [Effect] {
        let keep = max(state.performance.rows.count, 2 * pageSize(state))
        var effects = read(&state, keep: keep, replace: true)
        if let detail = state.performance.detail { effects += loadDetail(&state, detail.post.id) }
        return effects
    }

    /// The client in scope changed: start from the top.
    static func scopeChanged(_ state: inout AppState) -> [Effect] {
        state.performance.detail = nil
        return load(&state)
    }

    private static func read(_ state: inout AppState, keep: Int, replace: Bool) -> [Effect] {
        let filter = state.performance.filter(scope: state.scope, now: state.now)
        let table = state.nextRequest()
        state.performance.tableRequest = table
        let query = PerformanceQueries.page(filter, sort: state.performance.sort, after: nil, limit: keep)
        var effects: [Effect] = [.query(table, slot: tableSlot, query.map { .performance(.pageLoaded(table, $0, replace: replace)) })]
        let summary = state.nextRequest()
        state.performance.summaryRequest = summary
        effects.append(.query(summary, slot: "performance.summary",
                              PerformanceQueries.summary(filter).map { .performance(.summaryLoaded(summary, $0)) }))
        if state.performance.showCharts { effects += loadCharts(&state) }
        return effects
    }

    static func loadCharts(_ state: inout AppState) -> [Effect] {
        let filter = state.performance.filter(scope: state.scope, now: state.now)
        let networks = state.nextRequest(), heatmap = state.nextRequest()
        state.performance.charts.networksRequest = networks
        state.performance.charts.heatmapRequest = heatmap
        let bins = PerformanceQueries.heatmap(filter, zone: zone(state), clientZones: ClientSummary.zones(of: state.clients),
                                              minimumCount: PerformanceChartsView.minimumPosts)
        return [.query(networks, slot: "performance.networks",
                       PerformanceQueries.networks(filter).map { .performance(.networksLoaded(networks, $0)) }),
                .query(heatmap, slot: "performance.heatmap", bins.map { .performance(.heatmapLoaded(heatmap, $0)) })]
    }

    static func loadDetail(_ state: inout AppState, _ post: PostID) -> [Effect] {
        let id = state.nextRequest()
        state.performance.detail?.request = id
        return [.query(id, slot: "performance.detail", PerformanceQueries.detail(post).map { .performance(.detailLoaded(id, $0)) })]
    }

    /// Asks for the next page when the selection is within a page of the last loaded row
    /// (or for everything left when `G` is waiting for the bottom).
    static func loadAhead(_ state: inout AppState) -> [Effect] {
        let pane = state.performance
        guard pane.loaded, pane.hasMore, pane.tableRequest == nil else { return [] }
        guard pane.bottomPending || pane.selected + pageSize(state) >= pane.rows.count else { return [] }
        let id = state.nextRequest()
        state.performance.tableRequest = id
        let filter = pane.filter(scope: state.scope, now: state.now)
        let limit = pane.bottomPending ? max(pageSize(state), (pane.summary?.posts ?? 0) - pane.rows.count + 1) : pageSize(state)
        let query = PerformanceQueries.page(filter, sort: pane.sort, after: pane.next, limit: limit)
        return [.query(id, slot: tableSlot, query.map { .performance(.pageLoaded(id, $0, replace: false)) })]
    }

    // MARK: Messages

    static func update(_ state: inout AppState, _ message: PerformanceMessage) -> [Effect] {
        switch message {
        case .pageLoaded(let id, let page, let replace):
            guard id == state.performance.tableRequest else { return [] }
            state.performance.next = page.next
            return arrived(&state, page.rows, replace: replace)
        case .summaryLoaded(let id, let summary):
            guard id == state.performance.summaryRequest else { return [] }
            state.performance.summary = summary
            return []
        case .networksLoaded(let id, let networks):
            guard id == state.performance.charts.networksRequest else { return [] }
            state.performance.charts.networks = networks
            return []
        case .heatmapLoaded(let id, let heatmap):
            guard id == state.performance.charts.heatmapRequest else { return [] }
            state.performance.charts.heatmap = heatmap
            return []
        case .detailLoaded(let id, let detail):
            guard state.performance.detail?.request == id else { return [] }
            state.performance.detail?.detail = detail
            return []
        case .filterSettled(let text):
            // Only the last keystroke of a burst reads the database.
            guard state.performance.editingFilter?.text == text || (state.performance.editingFilter == nil && state.performance.filter == text)
            else { return [] }
            state.performance.filter = text
            return load(&state)
        case .exportLoaded(let id, let path, let rows):
            guard id == state.performance.exportRequest else { return [] }
            let csv = PerformanceCSV.document(rows, zone: zone(state))
            return [.writeFile(path: path, contents: csv.text) { error in
                .performance(.exported(path: path, rows: csv.rowCount, error: error))
            }]
        case .exportTarget(let absolute, let exists):
            return exportTarget(&state, absolute: absolute, exists: exists)
        case .exported(let path, let rows, let error):
            state.performance.exportRequest = nil
            if let error {
                state.note = StatusNote(text: "export failed: \(error)", kind: .error)
            } else {
                state.note = StatusNote(text: "exported \(rows) post\(rows == 1 ? "" : "s") to \(path)", kind: .info)
            }
            return []
        }
    }

    /// New rows: appended after a page ahead, or in place of the old ones after a reload,
    /// with the selection kept on the same post and the scroll kept where it was.
    private static func arrived(_ state: inout AppState, _ rows: [PostPerformance], replace: Bool) -> [Effect] {
        state.performance.tableRequest = nil
        state.performance.error = nil
        let keep = state.performance.selectedRow?.id
        if replace { state.performance.rows = rows } else { state.performance.rows += rows }
        state.performance.loaded = true
        if let keep, let index = state.performance.rows.firstIndex(where: { $0.id == keep }) {
            state.performance.offset += index - state.performance.selected
            state.performance.selected = index
        }
        if state.performance.bottomPending && !state.performance.hasMore {
            state.performance.bottomPending = false
            state.performance.selected = max(0, state.performance.rows.count - 1)
        }
        clampSelection(&state)
        return loadAhead(&state)
    }

    /// Keeps the selection on a loaded row and on screen.
    static func clampSelection(_ state: inout AppState) {
        let count = state.performance.rows.count
        let capacity = capacity(state)
        var selected = max(0, min(state.performance.selected, count - 1))
        if count == 0 { selected = 0 }
        var offset = state.performance.offset
        if selected < offset { offset = selected }
        if selected >= offset + capacity { offset = selected - capacity + 1 }
        offset = max(0, min(offset, max(0, count - capacity)))
        state.performance.selected = selected
        state.performance.offset = offset
    }
}
