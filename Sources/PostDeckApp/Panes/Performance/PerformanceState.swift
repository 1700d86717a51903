import FoundationEssentials
import PostDeckCore
import PostDeckStore
import TerminalUI

/// The performance pane: which published posts did best, per network and per hour.
///
/// The table holds a loaded prefix of the ordered posts (`rows`) and loads more as the
/// selection nears its end, each page after a keyset cursor on the sort column: the pane
/// never holds more than it has shown, whatever the number of posts in range.
struct PerformanceState {
    var range: PerformanceRange = .thirtyDays
    var sort: PerformanceSort = .newestFirst
    /// The filter in force, and the filter line while it is open (`/`).
    var filter = ""
    var editingFilter: TextInputState?
    var rows: [PostPerformance] = []
    /// Where the next page starts; nil when the last page is loaded.
    var next: PerformanceCursor?
    var loaded = false
    var tableRequest: RequestID?
    /// Move to the last row once the rows after it have arrived (`G`).
    var bottomPending = false
    var summary: PerformanceSummary?
    var summaryRequest: RequestID?
    var selected = 0
    var offset = 0
    var showCharts = false
    var charts = PerformanceCharts()
    var detail: PerformanceDetailState?
    /// The export path being typed (`e`), and the export under way.
    var exportPath: TextInputState?
    var exportRequest: RequestID?
    var error: String?

    var selectedRow: PostPerformance? { rows.indices.contains(selected) ? rows[selected] : nil }

    /// Whether rows after the loaded ones exist.
    var hasMore: Bool { next != nil }

    /// Posts in the table, when known (the summary says).
    var total: Int? { summary?.posts }

    func filter(scope: Scope, now: Date) -> PerformanceFilter {
        PerformanceFilter(scope: scope, range: range, now: now, text: filter)
    }
}

/// The data behind the charts (`v`): read only while they are shown.
struct PerformanceCharts {
    var networks: [NetworkEngagement]?
    var heatmap: HeatmapBins?
    var networksRequest: RequestID?
    var heatmapRequest: RequestID?
}

/// A post opened with `Enter`.
struct PerformanceDetailState {
    let post: PostPerformance
    var detail: PostPerformanceDetail?
    var request: RequestID?
    var scroll = 0
}

enum PerformanceMessage {
    /// A page of the table; `replace` when it re-reads the rows from the top.
    case pageLoaded(RequestID, PerformancePage, replace: Bool)
    case summaryLoaded(RequestID, PerformanceSummary)
    case networksLoaded(RequestID, [NetworkEngagement])
    case heatmapLoaded(RequestID, HeatmapBins)
    case detailLoaded(RequestID, PostPerformanceDetail?)
    case filterSettled(String)
    case exportLoaded(RequestID, path: String, [PostPerformance])
    case exported(path: String, rows: Int, error: String?)
    /// Where the export prompt's path leads, and whether a file is there (asked before writing).
    case exportTarget(absolute: String, exists: Bool)
}
