import Foundation
import Testing
import PostDeckCore
import PostDeckStore
import TerminalUI
@testable import PostDeckApp

/// Golden files of the performance pane on fixed data and a fixed clock, at 80x24 and 120x40.
/// Re-record on purpose with POSTDECK_RECORD_SNAPSHOTS=1, then read every file.
@Suite struct PerformanceSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test(arguments: sizes) func table(width: Int, height: Int) throws {
        var state = PerformanceFixtures.loadedState(width: width, height: height)
        _ = App.update(&state, .key(.char("j")))
        try assertSnapshot(View.renderPane(state), named: "performanceTable")
    }

    @Test(arguments: sizes) func oneClientByLikes(width: Int, height: Int) throws {
        var state = PerformanceFixtures.loadedState(width: width, height: height, scope: .client(Fixtures.acme))
        _ = App.update(&state, .key(.char("s")))
        _ = App.update(&state, .key(.down))
        _ = App.update(&state, .key(.enter))
        let ids = PerformanceFixtures.rows.filter { $0.clientID == Fixtures.acme }.sorted { $0.likes > $1.likes }
        _ = App.update(&state, .performance(.pageLoaded(state.performance.tableRequest!, PerformancePage(rows: ids, next: nil), replace: true)))
        try assertSnapshot(View.renderPane(state), named: "performanceOneClientByLikes")
    }

    @Test func sortPicker() throws {
        var state = PerformanceFixtures.loadedState(width: 80, height: 24)
        _ = App.update(&state, .key(.char("s")))
        _ = App.update(&state, .key(.down))
        try assertSnapshot(View.render(state), named: "sortPicker")
    }

    @Test(arguments: sizes) func detail(width: Int, height: Int) throws {
        var state = PerformanceFixtures.loadedState(width: width, height: height)
        _ = App.update(&state, .key(.enter))
        _ = App.update(&state, .performance(.detailLoaded(state.performance.detail!.request!, PerformanceFixtures.detail)))
        try assertSnapshot(View.renderPane(state), named: "performanceDetail")
    }

    @Test(arguments: sizes) func charts(width: Int, height: Int) throws {
        var state = PerformanceFixtures.loadedState(width: width, height: height)
        _ = App.update(&state, .key(.char("v")))
        _ = App.update(&state, .performance(.networksLoaded(state.performance.charts.networksRequest!, PerformanceFixtures.networks)))
        _ = App.update(&state, .performance(.heatmapLoaded(state.performance.charts.heatmapRequest!, PerformanceFixtures.heatmap(state))))
        try assertSnapshot(View.renderPane(state), named: "performanceCharts")
    }

    @Test func exportPrompt() throws {
        var state = PerformanceFixtures.loadedState(width: 80, height: 24)
        _ = App.update(&state, .key(.char("e")))
        try assertSnapshot(View.renderPane(state), named: "performanceExportPrompt")
    }
}
